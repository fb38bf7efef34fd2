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
    static final String VERSION_PUBLISHED = "jp.anzen.catalogue.framework-version-published.v1";
    static final String PROFILE_PUBLISHED = "jp.anzen.catalogue.service-profile-published.v1";
    static final String MAPPING_SET_PUBLISHED = "jp.anzen.catalogue.mapping-set-published.v1";
    /** Catalogue events the reports do not need; any other type is dead-lettered, not skipped. */
    private static final Set<String> IGNORED_CATALOGUE_TYPES = Set.of("jp.anzen.catalogue.framework-version-superseded.v1");

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
                if (event.type() == null || !event.type().startsWith(AssessmentEventTypes.PREFIX) || event.streamId() == null
                        || event.streamVersion() == null) {
                    throw new UnreadableEventException("the record lacks the CloudEvents attributes of an assessment event"
                            + " (ce_type jp.anzen.assessment.*, ce_streamid, ce_streamversion)");
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
                batch.releaseHeldAfter(event);
            }
            batch.flush();
        }
        saveApplied(c, batch.advanced);
        return batch.changed;
    }

    /**
     * Moves the event's stream past an event that could not be applied (it was dead-lettered), so that the stream's
     * later events are projected, and applies the ones held back for it. Nothing else changes: the event stays in the
     * dead-letter list until it is replayed. An event applied before, or ahead of a gap, changes nothing.
     */
    public void passOver(Connection c, CloudEventHeaders event) throws Exception {
        if (event.streamId() == null || event.streamVersion() == null) {
            return;
        }
        Batch batch = new Batch(c, appliedVersions(c, List.of(event)), HeldEvents.of(c, List.of(event)));
        try (batch.writes) {
            if (event.streamVersion() != batch.applied.getOrDefault(event.streamId(), 0) + 1) {
                return;
            }
            batch.advance(event);
            batch.releaseHeldAfter(event);
            batch.flush();
        }
        saveApplied(c, batch.advanced);
    }

    /**
     * Applies a dead-lettered event again. Its stream was moved past it when it failed, so it is applied at its place in
     * the history (an answer between the ones recorded before and after it) rather than as the stream's next event; an
     * event whose stream never got past it (it came ahead of a gap) takes the ordinary path.
     */
    public void replayAssessmentEvent(Connection c, ConsumerRecord<String, String> record) throws Exception {
        CloudEventHeaders event = CloudEventHeaders.of(record);
        if (event.streamId() == null || event.streamVersion() == null || event.type() == null) {
            throw new UnreadableEventException("the record lacks the CloudEvents attributes of an assessment event");
        }
        Map<String, Integer> applied = appliedVersions(c, List.of(event));
        if (event.streamVersion() > applied.getOrDefault(event.streamId(), 0)) {
            applyAssessmentEvents(c, List.of(record));
            return;
        }
        Batch batch = new Batch(c, applied, HeldEvents.none(), new AnswerRows(true));
        try (batch.writes) {
            batch.apply(event, record.value());
            batch.flush();
        }
    }

    /** What one batch has applied so far, and the writes it has yet to send. */
    private final class Batch {

        final Connection c;
        final Map<String, Integer> applied;
        final HeldEvents held;
        final Map<String, Integer> advanced = new HashMap<>();
        final AnswerRows answers;
        final Writes writes;
        int changed;

        Batch(Connection c, Map<String, Integer> applied, HeldEvents held) {
            this(c, applied, held, new AnswerRows(false));
        }

        Batch(Connection c, Map<String, Integer> applied, HeldEvents held, AnswerRows answers) {
            this.c = c;
            this.applied = applied;
            this.held = held;
            this.answers = answers;
            this.writes = new Writes(c);
        }

        /** Applies the events held back for the ones after this event, in their order. */
        void releaseHeldAfter(CloudEventHeaders event) throws Exception {
            int next = event.streamVersion() + 1;
            for (HeldEvents.Held h; (h = held.release(c, event.streamId(), next)) != null; next++) {
                apply(h.headers(), h.payload());
            }
            int released = next - event.streamVersion() - 1;
            if (released > 0) {
                LOG.infof("Applied %d held-back events of %s after version %d", released, event.streamId(),
                        event.streamVersion());
            }
        }

        void flush() throws SQLException {
            writes.flush(); // answers refer to the assessments opened in the batch
            answers.flush(c);
        }

        void advance(CloudEventHeaders event) {
            applied.put(event.streamId(), event.streamVersion());
            advanced.put(event.streamId(), event.streamVersion());
        }

        /** The stream's next event. */
        void apply(CloudEventHeaders event, String body) throws Exception {
            String type = AssessmentEventTypes.known(event.type());
            JsonNode payload = json.readTree(body);
            if (payload == null || !payload.isObject()) {
                throw new UnreadableEventException("the payload is not a JSON object");
            }
            if (AnswerEvents.RECORDED.equals(type) || AnswerEvents.RECORDED_V2.equals(type)) {
                answers.add(type, payload, event.time(), event.id());
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
                    if ("assessment-opened".equals(type)) {
                        answers.opened(payload.get("assessmentId").asText());
                    }
                }
            }
            advance(event);
            changed++;
        }
    }

    /** Applies one {@code catalogue-events} record; published versions never change, so a redelivery is ignored. */
    public boolean applyCatalogueEvent(Connection c, ConsumerRecord<String, String> record) throws Exception {
        String type = CloudEventHeaders.of(record).type();
        if (IGNORED_CATALOGUE_TYPES.contains(type)) {
            return false;
        }
        if (!PROFILE_PUBLISHED.equals(type) && !VERSION_PUBLISHED.equals(type) && !MAPPING_SET_PUBLISHED.equals(type)) {
            throw new UnreadableEventException("event type '" + type + "' is not one this reader knows (jp.anzen.catalogue.*.v1)");
        }
        JsonNode event = json.readTree(record.value());
        if (event == null || !event.isObject()) {
            throw new UnreadableEventException("the payload is not a JSON object");
        }
        if (PROFILE_PUBLISHED.equals(type)) {
            return ServiceProfiles.insert(c, event);
        }
        if (MAPPING_SET_PUBLISHED.equals(type)) {
            return insertChanges(c, event);
        }
        if (!insertVersion(c, event)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO catalogue_item (requirement_id, framework_id,"
                + " version, position, kind, number, text_ja, text_en, target, facility_kinds, deadline, goal_by,"
                + " goal_condition_ja, goal_condition_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                // the goal was added to the v1 event later: absent in the events published before
                s.setObject(11, date(r, "deadline"), Types.DATE);
                s.setObject(12, date(r.path("goal"), "by"), Types.DATE);
                s.setString(13, text(r.path("goal"), "conditionJa"));
                s.setString(14, text(r.path("goal"), "conditionEn"));
                s.addBatch();
            }
            s.executeBatch();
        }
        CurrentAnswers.refreshVersion(c, event.get("frameworkId").asText(), event.get("version").asText());
        return true;
    }

    /**
     * The items an edition mapping says changed (all but the equivalent ones), so that reports can say an answer's
     * item changed in a later revision; citations and equivalences are not kept.
     */
    private static boolean insertChanges(Connection c, JsonNode set) throws SQLException {
        if (!"edition".equals(set.path("kind").asText()) || !set.hasNonNull("id") || !set.path("mappings").isArray()) {
            if ("edition".equals(set.path("kind").asText())) {
                throw new UnreadableEventException("an edition mapping set needs an id and a list of mappings");
            }
            return false;
        }
        int stored = 0;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO catalogue_change (set_id, position, from_requirement,"
                + " to_framework, to_version, to_requirement, relation, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            int position = 0;
            for (JsonNode m : set.get("mappings")) {
                String relation = m.path("relation").asText("");
                if (m.hasNonNull("fromRequirement") && !"equivalent".equals(relation)) {
                    s.setString(1, set.get("id").asText());
                    s.setInt(2, position);
                    s.setString(3, m.get("fromRequirement").asText());
                    s.setString(4, set.path("toFramework").asText(""));
                    s.setString(5, set.path("toVersion").asText(""));
                    s.setString(6, text(m, "toRequirement"));
                    s.setString(7, relation);
                    s.setString(8, text(m, "note"));
                    s.addBatch();
                    stored++;
                }
                position++;
            }
            s.executeBatch();
        }
        return stored > 0;
    }

    private static boolean insertVersion(Connection c, JsonNode event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO catalogue_version (framework_id, version,"
                + " framework_kind, title_ja, title_en, fiscal_year, provisional_reason, revision_of)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, event.get("frameworkId").asText());
            s.setString(2, event.get("version").asText());
            s.setString(3, event.get("frameworkKind").asText());
            s.setString(4, event.path("titleJa").asText(""));
            s.setString(5, text(event, "titleEn"));
            s.setObject(6, event.hasNonNull("fiscalYear") ? event.get("fiscalYear").asInt() : null, Types.INTEGER);
            // both added to the v1 event later: absent in the events of final editions published before
            boolean provisional = event.path("provisional").asBoolean(false);
            s.setString(7, provisional ? event.path("provisionalReason").asText("the edition is marked provisional") : null);
            s.setString(8, text(event, "revisionOf"));
            return s.executeUpdate() == 1;
        }
    }

    /** A date field, or null when absent; a value that is no date is the event's fault (it is dead-lettered). */
    private static java.sql.Date date(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return java.sql.Date.valueOf(java.time.LocalDate.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw new UnreadableEventException(field + " '" + value + "' is not a date (YYYY-MM-DD)");
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
