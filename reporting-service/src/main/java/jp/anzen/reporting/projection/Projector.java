package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies records of both topics to the projection tables the connection sees (its search path): the live
 * consumers write to the live tables, a rebuild to fresh ones. Times come from the events, so both give the
 * same history. Each stream's last applied version is written with the change, so a redelivery changes nothing.
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);
    private static final String ASSESSMENT_PREFIX = "jp.anzen.assessment.";
    static final String VERSION_PUBLISHED = "jp.anzen.catalogue.framework-version-published.v1";
    static final String PROFILE_PUBLISHED = "jp.anzen.catalogue.service-profile-published.v1";

    private final ObjectMapper json;

    public Projector(ObjectMapper json) {
        this.json = json;
    }

    /** Applies a batch of {@code assessment-events}; returns how many events changed the projection. */
    public int applyAssessmentEvents(Connection c, Iterable<ConsumerRecord<String, String>> records) throws Exception {
        Map<ConsumerRecord<String, String>, CloudEventHeaders> events = new LinkedHashMap<>();
        records.forEach(r -> events.put(r, CloudEventHeaders.of(r)));
        Batch batch = new Batch(c, appliedVersions(c, events.values()), HeldEvents.of(c, events.values()));
        try (batch.writes) {
            for (var entry : events.entrySet()) {
                ConsumerRecord<String, String> record = entry.getKey();
                CloudEventHeaders event = entry.getValue();
                if (event.type() == null || !event.type().startsWith(ASSESSMENT_PREFIX) || event.streamId() == null
                        || event.streamVersion() == null) {
                    LOG.warnf("Skipping a record without the CloudEvents attributes of an assessment event at %s-%d@%d",
                            record.topic(), record.partition(), record.offset());
                    continue;
                }
                int last = batch.applied.getOrDefault(event.streamId(), 0);
                if (event.streamVersion() <= last) {
                    continue; // applied before: a redelivery or a duplicate
                }
                if (event.streamVersion() > last + 1) {
                    // An earlier event of the stream has not arrived: applying this one would mark that one applied
                    // and lose it. It waits in held_event and is applied right after that one.
                    String readAt = record.topic() + "-" + record.partition() + "@" + record.offset();
                    LOG.warnf("Holding back %s version %d until version %d arrives (%s)", event.streamId(),
                            event.streamVersion(), last + 1, readAt);
                    batch.held.hold(c, event, record.value(), readAt);
                    continue;
                }
                batch.apply(event, record.value());
                int next = event.streamVersion() + 1;
                for (HeldEvents.Held held; (held = batch.held.release(c, event.streamId(), next)) != null; next++) {
                    batch.apply(held.headers(), held.payload());
                }
                int released = next - event.streamVersion() - 1;
                if (released > 0) {
                    LOG.infof("Applied %d held-back events of %s after version %d arrived", released, event.streamId(),
                            event.streamVersion());
                }
            }
            batch.writes.flush(); // answers refer to the assessments opened in the batch
            batch.answers.flush(c);
        }
        saveApplied(c, batch.advanced);
        return batch.changed;
    }

    /** What one batch has applied so far, and the writes it has yet to send. */
    private final class Batch {

        final Connection c;
        final Map<String, Integer> applied;
        final HeldEvents held;
        final Map<String, Integer> advanced = new HashMap<>();
        final AnswerRows answers = new AnswerRows();
        final Writes writes;
        int changed;

        Batch(Connection c, Map<String, Integer> applied, HeldEvents held) {
            this.c = c;
            this.applied = applied;
            this.held = held;
            this.writes = new Writes(c);
        }

        /** The stream's next event. */
        void apply(CloudEventHeaders event, String body) throws Exception {
            String type = event.type().substring(ASSESSMENT_PREFIX.length(), event.type().lastIndexOf(".v"));
            JsonNode payload = json.readTree(body);
            if (AnswerEvents.RECORDED.equals(type)) {
                answers.add(payload, event.time(), event.id());
            } else {
                // An assessment's other events see its answers before them (a carried answer is confirmed only by a
                // later one). Other streams' events commute with pending answers, which are then written once per
                // batch instead of once per facility: that was most of a rebuild's statements.
                if (payload.hasNonNull("assessmentId") && answers.pendingFor(payload.get("assessmentId").asText())) {
                    writes.flush();
                    answers.flush(c);
                }
                if (event.streamId().startsWith("facility-")) {
                    FacilityEvents.apply(writes, type, payload, event.time());
                } else {
                    AnswerEvents.apply(writes, type, payload, event.time());
                }
            }
            applied.put(event.streamId(), event.streamVersion());
            advanced.put(event.streamId(), event.streamVersion());
            changed++;
        }
    }

    /** Applies one {@code catalogue-events} record; published versions never change, so a redelivery is ignored. */
    public boolean applyCatalogueEvent(Connection c, ConsumerRecord<String, String> record) throws Exception {
        String type = CloudEventHeaders.of(record).type();
        if (PROFILE_PUBLISHED.equals(type)) {
            return ServiceProfiles.insert(c, json.readTree(record.value()));
        }
        if (!VERSION_PUBLISHED.equals(type)) {
            return false;
        }
        JsonNode event = json.readTree(record.value());
        if (!insertVersion(c, event)) {
            return false;
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
        CurrentAnswers.refreshVersion(c, event.get("frameworkId").asText(), event.get("version").asText());
        return true;
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

    private static Map<String, Integer> appliedVersions(Connection c, Collection<CloudEventHeaders> events) throws SQLException {
        Set<String> streams = new LinkedHashSet<>();
        events.forEach(e -> {
            if (e.streamId() != null) {
                streams.add(e.streamId());
            }
        });
        Map<String, Integer> applied = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT stream_id, version FROM applied_stream WHERE stream_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", streams.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    applied.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return applied;
    }

    private static void saveApplied(Connection c, Map<String, Integer> advanced) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO applied_stream (stream_id, version) VALUES (?, ?)"
                + " ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version")) {
            for (var e : advanced.entrySet()) {
                s.setString(1, e.getKey());
                s.setInt(2, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
