package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Projects {@code assessment-events} a Kafka batch at a time, in one transaction with the streams' new
 * applied versions: a redelivered or duplicated event changes nothing, and a crash loses nothing (the
 * offsets are committed after the transaction).
 */
@ApplicationScoped
public class AssessmentProjection {

    private final AgroalDataSource dataSource;
    private final Projector projector;

    public AssessmentProjection(AgroalDataSource dataSource, Projector projector) {
        this.dataSource = dataSource;
        this.projector = projector;
    }

    @Incoming("assessment-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecords<String, String> records) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            ProjectionLock.shared(c);
            projector.applyAssessmentEvents(c, records);
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
