package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

/** Applies {@code service-profile-published}: a published profile never changes, so a redelivery is ignored. */
final class ServiceProfiles {

    private ServiceProfiles() {
    }

    static boolean insert(Connection c, JsonNode profile) throws SQLException {
        String id = profile.get("id").asText();
        String version = profile.get("version").asText();
        int inserted = Statements.execute(c, "INSERT INTO service_profile (profile_id, version, framework_id, framework_version,"
                + " provider, service, example) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", id, version,
                profile.get("frameworkId").asText(), profile.get("frameworkVersion").asText(),
                profile.path("provider").asText(""), profile.hasNonNull("service") ? profile.get("service").asText() : null,
                profile.path("example").asBoolean());
        if (inserted == 0) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO service_profile_entry (profile_id, version, requirement_id,"
                + " responsibility, note) VALUES (?, ?, ?, ?, ?)")) {
            for (JsonNode e : profile.path("entries")) {
                s.setString(1, id);
                s.setString(2, version);
                s.setString(3, e.get("requirementId").asText());
                s.setString(4, e.get("responsibility").asText());
                s.setString(5, e.hasNonNull("note") ? e.get("note").asText() : null);
                s.addBatch();
            }
            s.executeBatch();
        }
        return true;
    }
}
