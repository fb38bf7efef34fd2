package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Published catalogue versions with their wording, for the reports. Published versions never change. */
@ApplicationScoped
public class CatalogueProjection {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CatalogueProjection(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Incoming("catalogue-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecord<String, String> record) throws Exception {
        if (!"jp.anzen.catalogue.framework-version-published.v1".equals(CloudEventHeaders.of(record).type())) {
            return;
        }
        JsonNode event = json.readTree(record.value());
        try (Connection c = dataSource.getConnection()) {
            if (!insertVersion(c, event)) {
                return; // a redelivery: already projected
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO catalogue_item (requirement_id, framework_id,"
                    + " version, position, kind, number, text_ja, text_en, target, facility_kinds)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (JsonNode r : event.get("requirements")) {
                    s.setString(1, r.get("id").asText());
                    s.setString(2, event.get("frameworkId").asText());
                    s.setString(3, event.get("version").asText());
                    s.setInt(4, r.path("position").asInt());
                    s.setString(5, r.get("kind").asText());
                    s.setString(6, text(r, "number"));
                    s.setString(7, r.path("textJa").asText(""));
                    s.setString(8, text(r, "textEn"));
                    s.setString(9, text(r, "target"));
                    List<String> kinds = new ArrayList<>();
                    r.path("facilityKinds").forEach(k -> kinds.add(k.asText()));
                    s.setArray(10, c.createArrayOf("text", kinds.toArray()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    private static boolean insertVersion(Connection c, JsonNode event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO catalogue_version (framework_id, version,"
                + " framework_kind, title_ja, title_en, fiscal_year) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, event.get("frameworkId").asText());
            s.setString(2, event.get("version").asText());
            s.setString(3, event.get("frameworkKind").asText());
            s.setString(4, event.path("titleJa").asText(""));
            s.setString(5, text(event, "titleEn"));
            s.setObject(6, event.hasNonNull("fiscalYear") ? event.get("fiscalYear").asInt() : null, Types.INTEGER);
            return s.executeUpdate() == 1;
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** For tests and health: whether the version has been projected. */
    public boolean has(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM catalogue_version WHERE framework_id = ? AND version = ?")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (java.sql.ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
