package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Projects {@code assessment-events} a Kafka batch at a time, in one transaction with the streams' new
 * applied versions: a redelivered or duplicated event changes nothing, and a crash loses nothing (the
 * offsets are committed after the transaction). An event that cannot be applied is dead-lettered in the same
 * transaction ({@link Quarantine}) and the batch goes on; a database that is away is waited for.
 */
@ApplicationScoped
@Startup // so that its meters exist before the first event does
public class AssessmentProjection {

    private final AgroalDataSource dataSource;
    private final ProjectionTransactions transactions;
    private final Quarantine quarantine;
    private final DeadLetterTopic deadLetterTopic;
    /** Checked once a second: a query of PostgreSQL's statistics views, against 20 or more batches a second. */
    private final TableStatistics statistics = new TableStatistics("public", Duration.ofSeconds(1));
    /** From an event's time (its insert in the assessment service) to its projection: what reports trail by. */
    private final Timer lag;

    /** Events dead-lettered by this instance since it started (the pending ones of all: anzen.projection.dead.letters). */
    private final Counter deadLetters;

    public AssessmentProjection(AgroalDataSource dataSource, ProjectionTransactions transactions, Quarantine quarantine,
            DeadLetterTopic deadLetterTopic, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.quarantine = quarantine;
        this.deadLetterTopic = deadLetterTopic;
        this.deadLetters = Counter.builder("anzen.projection.dead.letters.recorded")
                .description("assessment events this instance could not apply and dead-lettered").register(meters);
        Gauge.builder("anzen.projection.dead.letters", this, AssessmentProjection::pendingDeadLetters)
                .description("dead-lettered events not replayed or dismissed yet, of both topics").register(meters);
        this.lag = Timer.builder("anzen.projection.lag").description("from an event's time to its projection")
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofSeconds(30))
                .register(meters);
        // Normally 0: an event stays held only while an earlier one of its stream is missing from the topic.
        Gauge.builder("anzen.projection.held.events", this, AssessmentProjection::heldEvents)
                .description("events waiting in held_event for an earlier event of their stream").register(meters);
    }

    @Incoming("assessment-events")
    @Blocking(ordered = true)
    public void apply(ConsumerRecords<String, String> records) throws Exception {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        Quarantine.Applied applied = transactions.inTransaction(c -> {
            ProjectionLock.shared(c);
            return quarantine.applyAssessmentEvents(c, batch);
        });
        refreshStatistics();
        if (applied.firstTime() > 0) {
            deadLetters.increment(applied.firstTime());
            deadLetterTopic.publishPending();
        }
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, String> r : batch) {
            try {
                var time = CloudEventHeaders.of(r).time();
                if (time != null) {
                    lag.record(Math.max(0, now - time.toInstant().toEpochMilli()), TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException unreadable) {
                // a dead-lettered record: no time to measure by
            }
        }
    }

    /**
     * After the commit, on a connection of its own: an ANALYZE inside the projection's transaction made that
     * transaction, and the lag of every event in it, as long as the analysis. Statistics are a help, not a duty.
     */
    private void refreshStatistics() {
        try (Connection c = dataSource.getConnection()) {
            statistics.refreshIfGrown(c);
        } catch (SQLException e) {
            org.jboss.logging.Logger.getLogger(AssessmentProjection.class).debugf("Planner statistics not refreshed: %s",
                    e.getMessage());
        }
    }

    private double pendingDeadLetters() {
        return count("SELECT count(*) FROM dead_letter WHERE status = 'pending'");
    }

    private double heldEvents() {
        return count("SELECT count(*) FROM held_event");
    }

    private double count(String sql) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
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
