package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Projects {@code assessment-events} a Kafka batch at a time, in one transaction with the streams' new
 * applied versions: a redelivered or duplicated event changes nothing, and a crash loses nothing (the
 * offsets are committed after the transaction). Times come from the events, so a rebuild from the topic
 * gives the same history as the live projection.
 */
@ApplicationScoped
public class AssessmentProjection {

    private static final Logger LOG = Logger.getLogger(AssessmentProjection.class);
    private static final String PREFIX = "jp.anzen.assessment.";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public AssessmentProjection(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Incoming("assessment-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecords<String, String> records) throws Exception {
        // each record's CloudEvents attributes, read once
        Map<ConsumerRecord<String, String>, CloudEventHeaders> events = new LinkedHashMap<>();
        records.forEach(r -> events.put(r, CloudEventHeaders.of(r)));
        try (Connection c = dataSource.getConnection()) {
            Map<String, Integer> applied = appliedVersions(c, events.values());
            Map<String, Integer> advanced = new HashMap<>();
            for (var entry : events.entrySet()) {
                ConsumerRecord<String, String> record = entry.getKey();
                CloudEventHeaders event = entry.getValue();
                if (event.type() == null || !event.type().startsWith(PREFIX) || event.streamId() == null
                        || event.streamVersion() == null) {
                    LOG.warnf("Skipping a record without the CloudEvents attributes of an assessment event at %s-%d@%d",
                            record.topic(), record.partition(), record.offset());
                    continue;
                }
                if (event.streamVersion() <= applied.getOrDefault(event.streamId(), 0)) {
                    continue; // applied before: a redelivery or a duplicate
                }
                String type = event.type().substring(PREFIX.length(), event.type().lastIndexOf(".v"));
                var payload = json.readTree(record.value());
                if (event.streamId().startsWith("facility-")) {
                    FacilityEvents.apply(c, type, payload, event.time());
                } else {
                    AnswerEvents.apply(c, type, payload, event.time(), event.id());
                }
                applied.put(event.streamId(), event.streamVersion());
                advanced.put(event.streamId(), event.streamVersion());
            }
            saveApplied(c, advanced);
        }
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

    /** For tests and health: the stream version applied so far (0 when none). */
    public int appliedVersion(String streamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version FROM applied_stream WHERE stream_id = ?")) {
            s.setString(1, streamId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
