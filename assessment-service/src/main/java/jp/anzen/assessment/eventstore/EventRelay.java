package jp.anzen.assessment.eventstore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed events to {@code assessment-events} in commit order, keyed by facility code so each
 * facility's history stays in one partition, in order. The event table is its own outbox.
 *
 * <p>Sequence values are not committed in order, so rows are read only below the oldest transaction still
 * running ({@code pg_snapshot_xmin}), ordered by (transaction id, global id). That is each stream's order because
 * the event store refuses an append from a transaction older than the stream's last writer
 * ({@link CommitOrderConflict}). The checkpoint moves in the
 * same transaction once Kafka acknowledged the batch. Delivery is at least once: consumers skip what they
 * already applied by stream version. When any record of a batch fails, the whole batch is sent again from the
 * checkpoint, in order; the reporting projection keeps an event that overtook an earlier one until that one comes.
 *
 * <p>The relay is woken by every commit of this instance that appended events ({@link EventsAppended}); it also looks
 * every {@code anzen.outbox.poll-interval}, for the commits of other instances, which wake only their own relay.
 */
@ApplicationScoped
public class EventRelay {

    public static final String TOPIC = "assessment-events";
    private static final URI SOURCE = URI.create("urn:anzen:assessment-service");
    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final int BATCH = 1000;
    /** What a round returns when another instance's relay holds the lock. */
    private static final int RELAYING_ELSEWHERE = -1;
    /** How soon a relay that found the lock taken tries again, so that its own instance's commits do not wait. */
    private static final Duration LOCK_RETRY = Duration.ofMillis(20);
    /** How long a batch waits for Kafka's acknowledgements before the relay pauses and tries again. */
    static final int ACK_TIMEOUT_SECONDS = 35;

    private final AgroalDataSource dataSource;
    private final RelayProducer producer;

    /** From an event's insert to Kafka's acknowledgement: how far behind the relay runs. */
    private final Timer lag;

    private final Duration pollInterval;
    /**
     * Commits not looked at yet. A semaphore, not the thread's park permit: the Kafka and JDBC calls of a round park
     * the same thread and would use up a permit given while they wait, and that commit would wait for the next poll.
     */
    private final Semaphore commits = new Semaphore(0);
    private volatile Thread loop;

    public EventRelay(AgroalDataSource dataSource, RelayProducer producer, MeterRegistry meters,
            @ConfigProperty(name = "anzen.outbox.poll-interval") Duration pollInterval) {
        this.lag = Timer.builder("anzen.relay.lag").description("from an event's insert to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofSeconds(30))
                .register(meters);
        this.dataSource = dataSource;
        this.producer = producer;
        this.pollInterval = pollInterval;
    }

    /**
     * A thread of its own rather than {@code @Scheduled}: Quarkus' scheduler runs nothing more often than once a
     * second, and a poll cannot start on a commit. Polling every 100 ms put 50 ms of lag, on average, between every
     * answer and the reports.
     */
    void start(@Observes StartupEvent started) {
        // assigned before it starts: the loop runs while it is the current one, and a thread started first could
        // look before the assignment, see none and end (it did, once: no event was relayed until a restart)
        Thread thread = Thread.ofPlatform().name("event-relay").daemon().unstarted(this::run);
        loop = thread;
        thread.start();
    }

    /** Whether the relay's thread runs: without it committed events would wait in the table (see RelayRunning). */
    public boolean running() {
        Thread running = loop;
        return running != null && running.isAlive();
    }

    /** After the commit of a transaction that appended events: they can be sent now. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsAppended appended) {
        if (commits.availablePermits() == 0) { // one is enough: a round sends everything committed before it
            commits.release();
        }
    }

    @PreDestroy
    void stop() {
        Thread running = loop;
        loop = null;
        if (running != null) {
            running.interrupt();
        }
    }

    private void run() {
        while (loop == Thread.currentThread()) {
            try {
                commits.drainPermits(); // this round sends what they committed; later commits release again
                int sent = relayBatch();
                if (sent == RELAYING_ELSEWHERE) {
                    Thread.sleep(LOCK_RETRY);
                } else if (sent < BATCH) { // a full batch means a backlog: drain it before waiting
                    commits.tryAcquire(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Event relay paused, will retry: %s", e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    private record Committed(long globalId, String transactionId, String eventId, String streamId, int streamVersion,
            String facilityCode, String type, String payload, OffsetDateTime recordedAt) {
    }

    @Transactional
    int relayBatch() {
        try (Connection c = dataSource.getConnection()) {
            if (!singleRelay(c)) {
                return RELAYING_ELSEWHERE;
            }
            List<Committed> batch = nextBatch(c);
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            batch.forEach(event -> acks.add(producer.send(TOPIC, event.facilityCode(), cloudEvent(event))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            long now = System.currentTimeMillis();
            batch.forEach(event -> lag.record(Math.max(0, now - event.recordedAt().toInstant().toEpochMilli()),
                    TimeUnit.MILLISECONDS));
            Committed last = batch.get(batch.size() - 1);
            try (PreparedStatement s = c.prepareStatement("UPDATE relay_checkpoint SET last_transaction_id = ?::xid8,"
                    + " last_global_id = ? WHERE relay = ?")) {
                s.setString(1, last.transactionId());
                s.setLong(2, last.globalId());
                s.setString(3, TOPIC);
                s.executeUpdate();
            }
            return batch.size();
        } catch (SQLException | TimeoutException e) {
            throw new IllegalStateException("event relay failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an event: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One relay at a time across instances: the others skip this round. */
    private static boolean singleRelay(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('event-relay'))");
                ResultSet r = s.executeQuery()) {
            return r.next() && r.getBoolean(1);
        }
    }

    /**
     * The checkpoint is read first and bound as values: joined into the query, it could not bound the index scan,
     * and every poll read the whole event table (75 ms at 164,000 events, and growing with it).
     */
    private static List<Committed> nextBatch(Connection c) throws SQLException {
        String lastTransaction;
        long lastGlobal;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT last_transaction_id::text, last_global_id FROM relay_checkpoint WHERE relay = ?")) {
            s.setString(1, TOPIC);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no relay checkpoint for " + TOPIC);
                }
                lastTransaction = r.getString(1);
                lastGlobal = r.getLong(2);
            }
        }
        List<Committed> batch = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT e.global_id, e.transaction_id::text, e.event_id::text, e.stream_id, e.stream_version,
                       e.facility_code, e.type, e.payload::text, e.recorded_at
                FROM event e
                WHERE (e.transaction_id, e.global_id) > (?::xid8, ?)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY e.transaction_id, e.global_id
                LIMIT ?""")) {
            s.setString(1, lastTransaction);
            s.setLong(2, lastGlobal);
            s.setInt(3, BATCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    batch.add(new Committed(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                            r.getString(6), r.getString(7), r.getString(8), r.getObject(9, OffsetDateTime.class)));
                }
            }
        }
        return batch;
    }

    private static CloudEvent cloudEvent(Committed event) {
        return CloudEventBuilder.v1()
                .withId(event.eventId())
                .withSource(SOURCE)
                .withType("jp.anzen.assessment." + event.type() + ".v1")
                .withSubject(event.streamId())
                .withTime(event.recordedAt())
                .withExtension("streamid", event.streamId())
                .withExtension("streamversion", event.streamVersion())
                .withExtension("facilitycode", event.facilityCode())
                .withData("application/json", event.payload().getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
