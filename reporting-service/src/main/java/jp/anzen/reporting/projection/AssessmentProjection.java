package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Projects {@code assessment-events} a Kafka batch at a time, in one transaction with the streams' new
 * applied versions: a redelivered or duplicated event changes nothing, and a crash loses nothing (the
 * offsets are committed after the transaction).
 */
@ApplicationScoped
@Startup // so that its meters exist before the first event does
public class AssessmentProjection {

    private final AgroalDataSource dataSource;
    private final Projector projector;
    /** Checked once a second: a query of PostgreSQL's statistics views, against 20 or more batches a second. */
    private final TableStatistics statistics = new TableStatistics("public", Duration.ofSeconds(1));
    /** From an event's time (its insert in the assessment service) to its projection: what reports trail by. */
    private final Timer lag;

    public AssessmentProjection(AgroalDataSource dataSource, Projector projector, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.projector = projector;
        this.lag = Timer.builder("anzen.projection.lag").description("from an event's time to its projection")
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofSeconds(30))
                .register(meters);
        // Normally 0: an event stays held only while an earlier one of its stream is missing from the topic.
        Gauge.builder("anzen.projection.held.events", this, AssessmentProjection::heldEvents)
                .description("events waiting in held_event for an earlier event of their stream").register(meters);
    }

    @Incoming("assessment-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecords<String, String> records) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            ProjectionLock.shared(c);
            projector.applyAssessmentEvents(c, records);
            statistics.refreshIfGrown(c);
        }
        long now = System.currentTimeMillis();
        records.forEach(r -> {
            var time = CloudEventHeaders.of(r).time();
            if (time != null) {
                lag.record(Math.max(0, now - time.toInstant().toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        });
    }

    private double heldEvents() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM held_event");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            return Double.NaN; // the database is away: its own health check says so
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
