package jp.anzen.requirements.profile;

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
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import jp.anzen.requirements.catalogue.VersionStatus;

/** Service profiles in PostgreSQL. Callers own the transaction. */
@ApplicationScoped
public class ServiceProfileRepository {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ServiceProfileRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void insertDraft(ServiceProfile profile) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO service_profile (id, version, status, provider,"
                    + " service_name, example, framework_id, framework_version, notes, source_urls)"
                    + " VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                s.setString(1, profile.id());
                s.setString(2, profile.version());
                s.setString(3, profile.provider());
                s.setString(4, profile.service());
                s.setBoolean(5, profile.example());
                s.setString(6, profile.frameworkId());
                s.setString(7, profile.frameworkVersion());
                s.setString(8, profile.notes());
                s.setString(9, json.writeValueAsString(profile.sourceUrls()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO service_profile_entry (profile_id, profile_version,"
                    + " requirement_id, responsibility, note) VALUES (?, ?, ?, ?, ?)")) {
                for (ServiceProfile.Entry e : profile.entries()) {
                    s.setString(1, profile.id());
                    s.setString(2, profile.version());
                    s.setString(3, e.requirementId());
                    s.setString(4, e.responsibility());
                    s.setString(5, e.note());
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ServiceProfile> list() {
        return query("", null, null);
    }

    public Optional<ServiceProfile> find(String id, String version) {
        return query(" WHERE id = ? AND version = ?", id, version).stream().findFirst().map(this::withEntries);
    }

    public boolean markPublished(String id, String version) {
        return update("UPDATE service_profile SET status = 'published', published_at = now()"
                + " WHERE id = ? AND version = ? AND status = 'draft'", id, version) == 1;
    }

    public void supersedeOthers(String id, String version) {
        update("UPDATE service_profile SET status = 'superseded' WHERE id = ? AND version <> ? AND status = 'published'",
                id, version);
    }

    private ServiceProfile withEntries(ServiceProfile p) {
        List<ServiceProfile.Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT requirement_id, responsibility, note FROM service_profile_entry"
                        + " WHERE profile_id = ? AND profile_version = ? ORDER BY requirement_id")) {
            s.setString(1, p.id());
            s.setString(2, p.version());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new ServiceProfile.Entry(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ServiceProfile(p.id(), p.version(), p.status(), p.provider(), p.service(), p.example(), p.frameworkId(),
                p.frameworkVersion(), p.notes(), p.sourceUrls(), p.publishedAt(), entries);
    }

    private List<ServiceProfile> query(String where, String id, String version) {
        List<ServiceProfile> profiles = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, version, status, provider, service_name, example,"
                        + " framework_id, framework_version, notes, source_urls::text, published_at FROM service_profile"
                        + where + " ORDER BY id, version")) {
            if (id != null) {
                s.setString(1, id);
                s.setString(2, version);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp published = r.getTimestamp(11);
                    profiles.add(new ServiceProfile(r.getString(1), r.getString(2), VersionStatus.of(r.getString(3)),
                            r.getString(4), r.getString(5), r.getBoolean(6), r.getString(7), r.getString(8), r.getString(9),
                            json.readValue(r.getString(10), new TypeReference<List<String>>() {
                            }), published == null ? null : published.toInstant(), List.of()));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return profiles;
    }

    private int update(String sql, String id, String version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.setString(2, version);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
