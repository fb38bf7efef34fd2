package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;

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
 * Facilities, assessments and answers with their history. Each event is applied in one transaction with
 * its stream's new version, so a redelivered or duplicated event changes nothing. Times come from the
 * events, so a rebuild from the topic gives the same history as the live projection.
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
    public void apply(ConsumerRecord<String, String> record) throws Exception {
        CloudEventHeaders event = CloudEventHeaders.of(record);
        if (event.type() == null || !event.type().startsWith(PREFIX) || event.streamId() == null) {
            LOG.warnf("Skipping a record without the CloudEvents attributes of an assessment event at offset %d",
                    record.offset());
            return;
        }
        JsonNode payload = json.readTree(record.value());
        try (Connection c = dataSource.getConnection()) {
            if (!advance(c, event.streamId(), event.streamVersion())) {
                return; // applied before
            }
            String type = event.type().substring(PREFIX.length(), event.type().lastIndexOf(".v"));
            switch (type) {
                case "facility-registered" -> facilityRegistered(c, payload, event.time());
                case "network-membership-granted" -> membershipGranted(c, payload, event.time());
                case "assessment-opened" -> assessmentOpened(c, payload, event.time());
                case "answer-recorded" -> answerRecorded(c, payload, event);
                default -> {
                    // tolerant reader: an event type this version does not report on
                }
            }
        }
    }

    /** Moves the stream's applied version forward; false when this version was applied already. */
    private static boolean advance(Connection c, String streamId, int version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO applied_stream (stream_id, version) VALUES (?, ?)"
                + " ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version"
                + " WHERE applied_stream.version < excluded.version")) {
            s.setString(1, streamId);
            s.setInt(2, version);
            return s.executeUpdate() == 1;
        }
    }

    private static void facilityRegistered(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO facility (code, name, kind, prefecture, has_system,"
                + " registered_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.get("code").asText());
            s.setString(2, p.get("name").asText());
            s.setString(3, p.get("kind").asText());
            s.setString(4, p.get("prefecture").asText());
            s.setBoolean(5, p.get("hasMedicalInformationSystem").asBoolean());
            s.setObject(6, at);
            s.executeUpdate();
        }
    }

    private static void membershipGranted(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO facility_network (facility_code, network_id, valid_from)"
                + " VALUES (?, ?, ?)")) {
            s.setString(1, p.get("facilityCode").asText());
            s.setString(2, p.get("networkId").asText());
            s.setObject(3, at);
            s.executeUpdate();
        }
    }

    private static void assessmentOpened(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO assessment (id, facility_code, framework_id, version,"
                + " fiscal_year, vendor_id, opened_at) VALUES (?::uuid, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.get("assessmentId").asText());
            s.setString(2, p.get("facilityCode").asText());
            s.setString(3, p.get("frameworkId").asText());
            s.setString(4, p.get("version").asText());
            s.setInt(5, p.get("fiscalYear").asInt());
            s.setString(6, p.hasNonNull("vendorId") ? p.get("vendorId").asText() : null);
            s.setObject(7, at);
            s.executeUpdate();
        }
    }

    /** The new answer becomes current; the one it replaces stays, valid until now. */
    private static void answerRecorded(Connection c, JsonNode p, CloudEventHeaders event) throws SQLException {
        try (PreparedStatement close = c.prepareStatement("UPDATE answer SET valid_to = ? WHERE assessment_id = ?::uuid"
                + " AND requirement_id = ? AND round = ? AND valid_to IS NULL")) {
            close.setObject(1, event.time());
            close.setString(2, p.get("assessmentId").asText());
            close.setString(3, p.get("requirementId").asText());
            close.setInt(4, p.get("round").asInt());
            close.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO answer (assessment_id, requirement_id, round, value,"
                + " confirmed_on, target_date, note, valid_from, event_id) VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.get("assessmentId").asText());
            s.setString(2, p.get("requirementId").asText());
            s.setInt(3, p.get("round").asInt());
            s.setString(4, p.get("value").asText());
            s.setDate(5, Date.valueOf(p.get("confirmedOn").asText()));
            s.setObject(6, p.hasNonNull("targetDate") ? Date.valueOf(p.get("targetDate").asText()) : null, Types.DATE);
            s.setString(7, p.hasNonNull("note") ? p.get("note").asText() : null);
            s.setObject(8, event.time());
            s.setString(9, event.id());
            s.executeUpdate();
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
