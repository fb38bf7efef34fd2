package jp.anzen.requirements.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import jp.anzen.requirements.catalogue.VersionStatus;

/** Mapping sets and their mappings in PostgreSQL. Callers own the transaction. */
@ApplicationScoped
public class MappingRepository {

    private static final String SET_COLUMNS = "id, kind, from_framework, from_version, to_framework, to_version, status,"
            + " published_at";

    private final AgroalDataSource dataSource;

    public MappingRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insertDraft(MappingSet set) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mapping_set (id, kind, from_framework, from_version,"
                    + " to_framework, to_version, status) VALUES (?, ?, ?, ?, ?, ?, 'draft')")) {
                s.setString(1, set.id());
                s.setString(2, set.kind());
                s.setString(3, set.fromFramework());
                s.setString(4, set.fromVersion());
                s.setString(5, set.toFramework());
                s.setString(6, set.toVersion());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mapping (set_id, position, from_requirement,"
                    + " to_requirement, relation, note) VALUES (?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (Mapping m : set.mappings()) {
                    s.setString(1, set.id());
                    s.setInt(2, position++);
                    s.setString(3, m.fromRequirement());
                    s.setString(4, m.toRequirement());
                    s.setString(5, m.relation());
                    s.setString(6, m.note());
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean markPublished(String setId) {
        return update("UPDATE mapping_set SET status = 'published', published_at = now() WHERE id = ? AND status = 'draft'",
                setId) == 1;
    }

    /** Earlier published sets between the same two frameworks give way to a newly published one. */
    public void supersedeOthers(MappingSet published) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE mapping_set SET status = 'superseded' WHERE status = 'published'"
                        + " AND kind = ? AND from_framework = ? AND from_version = ? AND to_framework = ? AND id <> ?")) {
            s.setString(1, published.kind());
            s.setString(2, published.fromFramework());
            s.setString(3, published.fromVersion());
            s.setString(4, published.toFramework());
            s.setString(5, published.id());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<MappingSet> find(String setId) {
        return query("WHERE id = ?", setId).stream().findFirst().map(set -> withMappings(set));
    }

    /** Sets filtered by either end ({@code framework:version}); null means any. */
    public List<MappingSet> sets(String from, String to) {
        List<MappingSet> all = query("", null);
        return all.stream()
                .filter(s -> from == null || from.equals(s.fromFramework() + ":" + s.fromVersion()))
                .filter(s -> to == null || to.equals(s.toFramework() + ":" + s.toVersion()))
                .toList();
    }

    public MappingSet withMappings(MappingSet set) {
        return new MappingSet(set.id(), set.kind(), set.fromFramework(), set.fromVersion(), set.toFramework(),
                set.toVersion(), set.status(), set.publishedAt(), mappings("WHERE m.set_id = ?", set.id()));
    }

    /** Every mapping that touches the requirement, on either side. */
    public List<Mapping> touching(String requirementId) {
        return mappings("WHERE m.from_requirement = ? OR m.to_requirement = ?", requirementId, requirementId);
    }

    private List<MappingSet> query(String where, String parameter) {
        List<MappingSet> sets = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + SET_COLUMNS + " FROM mapping_set " + where + " ORDER BY id")) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp published = r.getTimestamp(8);
                    sets.add(new MappingSet(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), VersionStatus.of(r.getString(7)), published == null ? null : published.toInstant(),
                            List.of()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sets;
    }

    private List<Mapping> mappings(String where, String... parameters) {
        List<Mapping> mappings = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT m.set_id, ms.kind, m.from_requirement, m.to_requirement,"
                        + " m.relation, m.note FROM mapping m JOIN mapping_set ms ON ms.id = m.set_id " + where
                        + " ORDER BY m.set_id, m.position")) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    mappings.add(new Mapping(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return mappings;
    }

    private int update(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
