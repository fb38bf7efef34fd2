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
    static final String MAPPING_SET_PUBLISHED = "jp.anzen.catalogue.mapping-set-published.v1";
    static final String PROFILE_PUBLISHED = "jp.anzen.catalogue.service-profile-published.v1";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CatalogueReplica(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * A published version with its answerable items (groups excluded), by requirement id in the form's order; the
     * titles and wording are null for versions replicated before the replica kept them.
     */
    public record PublishedVersion(String frameworkId, String version, String frameworkKind, Integer fiscalYear,
            Map<String, Item> items, String frameworkTitleJa, String titleJa, String provisionalReason) {
    }

    public record Item(String requirementId, String kind, String number, List<String> facilityKinds, Integer position,
            String textJa, String textEn, String target) {
    }

    @Incoming("catalogue-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecord<String, String> record) throws Exception {
        var header = record.headers().lastHeader("ce_type");
        String type = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        switch (type) {
            case VERSION_PUBLISHED -> versionPublished(record);
            case MAPPING_SET_PUBLISHED -> equivalences(json.readTree(record.value()));
            case PROFILE_PUBLISHED -> profile(json.readTree(record.value()));
            default -> {
                // tolerant reader: other catalogue events do not concern answers
            }
        }
    }

    private void versionPublished(ConsumerRecord<String, String> record) throws Exception {
        String eventId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        JsonNode event = json.readTree(record.value());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO published_version (framework_id, version,"
                    + " framework_kind, fiscal_year, event_id, framework_title_ja, title_ja, provisional_reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, event.get("frameworkId").asText());
                s.setString(2, event.get("version").asText());
                s.setString(3, event.get("frameworkKind").asText());
                s.setObject(4, event.hasNonNull("fiscalYear") ? event.get("fiscalYear").asInt() : null, java.sql.Types.INTEGER);
                s.setString(5, eventId);
                s.setString(6, text(event, "frameworkTitleJa"));
                s.setString(7, text(event, "titleJa"));
                s.setString(8, event.path("provisional").asBoolean(false)
                        ? event.path("provisionalReason").asText("the edition is marked provisional") : null);
                if (s.executeUpdate() == 0) {
                    // applied before: published versions never change, but one replicated before the replica kept
                    // wording and places lacks them; they are filled in once, and nothing else is touched
                    fillIn(c, event);
                    return;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO published_requirement (requirement_id,"
                    + " framework_id, version, kind, number, facility_kinds, position, text_ja, text_en, target)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (JsonNode r : event.get("requirements")) {
                    s.setString(1, r.get("id").asText());
                    s.setString(2, event.get("frameworkId").asText());
                    s.setString(3, event.get("version").asText());
                    s.setString(4, r.get("kind").asText());
                    s.setString(5, r.hasNonNull("number") ? r.get("number").asText() : null);
                    List<String> kinds = new ArrayList<>();
                    r.path("facilityKinds").forEach(k -> kinds.add(k.asText()));
                    s.setArray(6, c.createArrayOf("text", kinds.toArray()));
                    s.setObject(7, r.has("position") ? r.get("position").asInt() : null, java.sql.Types.INTEGER);
                    s.setString(8, text(r, "textJa"));
                    s.setString(9, text(r, "textEn"));
                    s.setString(10, text(r, "target"));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        LOG.infof("Catalogue replica: %s %s published", event.get("frameworkId").asText(), event.get("version").asText());
    }

    /** Only equivalent items carry answers forward to the next edition; changed ones must be answered anew. */
    private void equivalences(JsonNode set) throws SQLException {
        if (!"edition".equals(set.path("kind").asText())) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO published_equivalence (from_requirement, to_requirement)"
                        + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (JsonNode m : set.path("mappings")) {
                if ("equivalent".equals(m.path("relation").asText())) {
                    s.setString(1, m.get("fromRequirement").asText());
                    s.setString(2, m.get("toRequirement").asText());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private void profile(JsonNode profile) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO published_profile (profile_id, version, framework_id,"
                    + " framework_version, provider, example) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, profile.get("id").asText());
                s.setString(2, profile.get("version").asText());
                s.setString(3, profile.get("frameworkId").asText());
                s.setString(4, profile.get("frameworkVersion").asText());
                s.setString(5, profile.path("provider").asText(""));
                s.setBoolean(6, profile.path("example").asBoolean());
                if (s.executeUpdate() == 0) {
                    return; // applied before
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO published_profile_entry (profile_id, version,"
                    + " requirement_id, responsibility, note) VALUES (?, ?, ?, ?, ?)")) {
                for (JsonNode e : profile.path("entries")) {
                    s.setString(1, profile.get("id").asText());
                    s.setString(2, profile.get("version").asText());
                    s.setString(3, e.get("requirementId").asText());
                    s.setString(4, e.get("responsibility").asText());
                    s.setString(5, e.hasNonNull("note") ? e.get("note").asText() : null);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    private static void fillIn(Connection c, JsonNode event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE published_version SET framework_title_ja = ?, title_ja = ?,"
                + " provisional_reason = ? WHERE framework_id = ? AND version = ? AND title_ja IS NULL")) {
            s.setString(1, text(event, "frameworkTitleJa"));
            s.setString(2, text(event, "titleJa"));
            s.setString(3, event.path("provisional").asBoolean(false)
                    ? event.path("provisionalReason").asText("the edition is marked provisional") : null);
            s.setString(4, event.get("frameworkId").asText());
            s.setString(5, event.get("version").asText());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE published_requirement SET position = ?, text_ja = ?, text_en = ?,"
                + " target = ? WHERE requirement_id = ? AND position IS NULL AND text_ja IS NULL")) {
            for (JsonNode r : event.get("requirements")) {
                s.setObject(1, r.has("position") ? r.get("position").asInt() : null, java.sql.Types.INTEGER);
                s.setString(2, text(r, "textJa"));
                s.setString(3, text(r, "textEn"));
                s.setString(4, text(r, "target"));
                s.setString(5, r.get("id").asText());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    public boolean profilePublished(String profileId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM published_profile WHERE profile_id = ? AND version = ?")) {
            s.setString(1, profileId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A requirement a declared profile covers: who is responsible, by which profile. */
    public record Coverage(String requirementId, String responsibility, String profileId, String profileVersion,
            String provider, String note) {
    }

    /** What the given profiles declare for the requirements of one framework version. */
    public List<Coverage> coverage(List<String[]> profiles, String frameworkId, String version) {
        List<Coverage> coverage = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT e.requirement_id, e.responsibility, p.profile_id, p.version,"
                        + " p.provider, e.note FROM published_profile p JOIN published_profile_entry e USING (profile_id, version)"
                        + " WHERE p.profile_id = ? AND p.version = ? AND p.framework_id = ? AND p.framework_version = ?"
                        + " ORDER BY e.requirement_id")) {
            for (String[] profile : profiles) {
                s.setString(1, profile[0]);
                s.setString(2, profile[1]);
                s.setString(3, frameworkId);
                s.setString(4, version);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        coverage.add(new Coverage(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return coverage;
    }

    /** For each item of the target version, the item of the earlier version that is equivalent to it. */
    public Map<String, String> equivalentsFrom(String fromPrefix, String toPrefix) {
        Map<String, String> byTarget = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT from_requirement, to_requirement FROM published_equivalence"
                        + " WHERE from_requirement LIKE ? AND to_requirement LIKE ?")) {
            s.setString(1, fromPrefix.replace("%", "\\%") + "%");
            s.setString(2, toPrefix.replace("%", "\\%") + "%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byTarget.put(r.getString(2), r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return byTarget;
    }

    public Optional<PublishedVersion> version(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT v.framework_kind, v.fiscal_year, r.requirement_id,"
                        + " r.kind, r.number, r.facility_kinds, r.position, r.text_ja, r.text_en, r.target,"
                        + " v.framework_title_ja, v.title_ja, v.provisional_reason FROM published_version v"
                        + " LEFT JOIN published_requirement r USING (framework_id, version)"
                        + " WHERE v.framework_id = ? AND v.version = ? ORDER BY r.position NULLS LAST, r.requirement_id")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                PublishedVersion found = null;
                while (r.next()) {
                    if (found == null) {
                        found = new PublishedVersion(frameworkId, version, r.getString(1), (Integer) r.getObject(2),
                                new java.util.LinkedHashMap<>(), r.getString(11), r.getString(12), r.getString(13));
                    }
                    if (r.getString(3) != null && !"group".equals(r.getString(4))) {
                        found.items().put(r.getString(3), new Item(r.getString(3), r.getString(4), r.getString(5),
                                Arrays.asList((String[]) r.getArray(6).getArray()), (Integer) r.getObject(7), r.getString(8),
                                r.getString(9), r.getString(10)));
                    }
                }
                return Optional.ofNullable(found);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
