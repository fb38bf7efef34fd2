package jp.anzen.requirements.authoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;

/** The edits of each authored draft and its lineage, in PostgreSQL. Callers own the transaction. */
@ApplicationScoped
public class EditionRepository {

    /** One edit as recorded: its place in the draft's history, who made it and when. */
    public record RecordedEdit(int seq, String op, String reason, String actor, java.time.Instant recordedAt, JsonNode edit) {

        static RecordedEdit of(int seq, JsonNode edit, String actor, Timestamp at) {
            return new RecordedEdit(seq, edit.path("op").asText(), edit.path("reason").asText(null), actor, at.toInstant(), edit);
        }
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public EditionRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Locks the version's row until the transaction ends, so that edits of one draft apply one after another. */
    public Optional<VersionStatus> lock(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status FROM framework_version WHERE framework_id = ?"
                        + " AND version = ? FOR UPDATE")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(VersionStatus.of(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds the name {@code framework:version} until the transaction ends, so that two editors (or two instances
     * running the shipped scripts) creating the same version meet one after the other, and the second learns that it
     * exists rather than failing on the key.
     */
    public void lockName(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('edition:' || ? || ':' || ?))")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public RecordedEdit append(String frameworkId, String version, JsonNode edit, String actor) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO edition_edit (framework_id, version, seq, edit, actor)"
                        + " SELECT ?, ?, coalesce(max(seq) + 1, 0), ?::jsonb, ? FROM edition_edit"
                        + " WHERE framework_id = ? AND version = ? RETURNING seq, recorded_at")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            s.setString(3, json.writeValueAsString(edit));
            s.setString(4, actor);
            s.setString(5, frameworkId);
            s.setString(6, version);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return RecordedEdit.of(r.getInt(1), edit, actor, r.getTimestamp(2));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<RecordedEdit> edits(String frameworkId, String version) {
        List<RecordedEdit> edits = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT seq, edit::text, actor, recorded_at FROM edition_edit"
                        + " WHERE framework_id = ? AND version = ? ORDER BY seq")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    edits.add(RecordedEdit.of(r.getInt(1), json.readTree(r.getString(2)), r.getString(3), r.getTimestamp(4)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return edits;
    }

    public List<DraftEdition.Link> lineage(String frameworkId, String version) {
        String prefix = Requirement.id(frameworkId, version, "");
        List<DraftEdition.Link> links = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT from_requirement, to_requirement, relation, note"
                        + " FROM edition_lineage WHERE framework_id = ? AND version = ? ORDER BY position")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String to = r.getString(2);
                    links.add(new DraftEdition.Link(r.getString(1), to == null ? null : to.substring(prefix.length()),
                            r.getString(3), r.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return links;
    }

    public void replaceLineage(String frameworkId, String version, List<DraftEdition.Link> links) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM edition_lineage WHERE framework_id = ? AND version = ?")) {
                s.setString(1, frameworkId);
                s.setString(2, version);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO edition_lineage (framework_id, version, position,"
                    + " from_requirement, to_requirement, relation, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (DraftEdition.Link l : links) {
                    s.setString(1, frameworkId);
                    s.setString(2, version);
                    s.setInt(3, position++);
                    s.setString(4, l.from());
                    s.setString(5, l.to() == null ? null : Requirement.id(frameworkId, version, l.to()));
                    s.setString(6, l.relation());
                    s.setString(7, l.note());
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a draft mapping set or service profile refers to the draft's requirements (an edit would pull them away). */
    public boolean referencedElsewhere(String frameworkId, String version) {
        String prefix = Requirement.id(frameworkId, version, "").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM mapping WHERE from_requirement LIKE ?"
                        + " OR to_requirement LIKE ?) OR EXISTS (SELECT 1 FROM service_profile_entry WHERE requirement_id LIKE ?)")) {
            s.setString(1, prefix);
            s.setString(2, prefix);
            s.setString(3, prefix);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
