package jp.anzen.assessment.catalogue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The published catalogue, as far as answers need it: which versions are published and which items they
 * have. Fed from {@code catalogue-events}; applying the same event twice changes nothing.
 */
@ApplicationScoped
public class CatalogueReplica {

    private static final Logger LOG = Logger.getLogger(CatalogueReplica.class);
    static final String VERSION_PUBLISHED = "jp.anzen.catalogue.framework-version-published.v1";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CatalogueReplica(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A published version with its answerable items (groups excluded), by requirement id. */
    public record PublishedVersion(String frameworkId, String version, String frameworkKind, Integer fiscalYear,
            Map<String, Item> items) {
    }

    public record Item(String requirementId, String kind, String number, List<String> facilityKinds) {
    }

    @Incoming("catalogue-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecord<String, String> record) throws Exception {
        var type = record.headers().lastHeader("ce_type");
        if (type == null || !VERSION_PUBLISHED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return; // tolerant reader: other catalogue events do not concern answers
        }
        String eventId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        JsonNode event = json.readTree(record.value());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO published_version (framework_id, version,"
                    + " framework_kind, fiscal_year, event_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, event.get("frameworkId").asText());
                s.setString(2, event.get("version").asText());
                s.setString(3, event.get("frameworkKind").asText());
                s.setObject(4, event.hasNonNull("fiscalYear") ? event.get("fiscalYear").asInt() : null, java.sql.Types.INTEGER);
                s.setString(5, eventId);
                if (s.executeUpdate() == 0) {
                    return; // already applied: published versions never change
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO published_requirement (requirement_id,"
                    + " framework_id, version, kind, number, facility_kinds) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (JsonNode r : event.get("requirements")) {
                    s.setString(1, r.get("id").asText());
                    s.setString(2, event.get("frameworkId").asText());
                    s.setString(3, event.get("version").asText());
                    s.setString(4, r.get("kind").asText());
                    s.setString(5, r.hasNonNull("number") ? r.get("number").asText() : null);
                    List<String> kinds = new ArrayList<>();
                    r.path("facilityKinds").forEach(k -> kinds.add(k.asText()));
                    s.setArray(6, c.createArrayOf("text", kinds.toArray()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        LOG.infof("Catalogue replica: %s %s published", event.get("frameworkId").asText(), event.get("version").asText());
    }

    public Optional<PublishedVersion> version(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT v.framework_kind, v.fiscal_year, r.requirement_id,"
                        + " r.kind, r.number, r.facility_kinds FROM published_version v"
                        + " LEFT JOIN published_requirement r USING (framework_id, version)"
                        + " WHERE v.framework_id = ? AND v.version = ? ORDER BY r.requirement_id")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                PublishedVersion found = null;
                while (r.next()) {
                    if (found == null) {
                        found = new PublishedVersion(frameworkId, version, r.getString(1), (Integer) r.getObject(2),
                                new java.util.LinkedHashMap<>());
                    }
                    if (r.getString(3) != null && !"group".equals(r.getString(4))) {
                        found.items().put(r.getString(3), new Item(r.getString(3), r.getString(4), r.getString(5),
                                Arrays.asList((String[]) r.getArray(6).getArray())));
                    }
                }
                return Optional.ofNullable(found);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
