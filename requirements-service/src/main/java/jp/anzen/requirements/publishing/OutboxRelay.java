package jp.anzen.requirements.publishing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Relays committed outbox rows to Kafka in commit order, at least once.
 *
 * <p>Rows are read in (transaction id, id) order and only below the oldest transaction still running:
 * a transaction that started earlier but commits later can then never be skipped. The checkpoint moves in
 * the same transaction, after Kafka acknowledged every record of the batch; an advisory lock keeps one
 * relay at a time when the service runs several instances.
 *
 * <p>The same design as the assessment service's event relay, in a copy of its own: a thread that starts a round on
 * every commit of this instance that wrote to the outbox ({@link OutboxWritten}), and looks every
 * {@code anzen.outbox.poll-interval} for the commits of other instances, which wake only their own relay.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    /** What a round returns when another instance's relay holds the lock. */
    private static final int RELAYING_ELSEWHERE = -1;
    /** How soon a relay that found the lock taken tries again, so that its own instance's commits do not wait. */
    private static final Duration LOCK_RETRY = Duration.ofMillis(20);

    private final AgroalDataSource dataSource;
    private final Emitter<String> emitter;
    private final Duration pollInterval;
    /** Commits not looked at yet; not the thread's park permit, which the Kafka and JDBC calls of a round use too. */
    private final Semaphore commits = new Semaphore(0);
    private volatile Thread loop;

    public OutboxRelay(AgroalDataSource dataSource, @Channel(Outbox.CATALOGUE_EVENTS) Emitter<String> emitter,
            @ConfigProperty(name = "anzen.outbox.poll-interval") Duration pollInterval) {
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent started) {
        // assigned before it starts: the loop runs only while it is the current one
        Thread thread = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
        loop = thread;
        thread.start();
    }

    /** After the commit of a transaction that wrote to the outbox: its rows can be sent now. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (commits.availablePermits() == 0) { // one is enough: a round sends everything committed before it
            commits.release();
        }
    }

    /** Whether the relay's thread runs: without it published versions would never reach the other services. */
    public boolean running() {
        Thread running = loop;
        return running != null && running.isAlive();
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
                LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    private record Row(long id, String transactionId, String eventId, String key, String type, String subject,
            String payload, java.time.OffsetDateTime createdAt) {
    }

    /** Sends one batch and moves the checkpoint past it; returns how many rows it sent. */
    @Transactional
    int relayBatch() {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return RELAYING_ELSEWHERE;
            }
            List<Row> rows = next(c);
            if (rows.isEmpty()) {
                return 0;
            }
            // One at a time, each after the last one's acknowledgement, so that a send that fails and is retried can
            // never leave a later record ahead of it in the partition. Catalogue events are few; the wait costs little.
            for (Row row : rows) {
                send(row).get(30, TimeUnit.SECONDS);
            }
            Row last = rows.get(rows.size() - 1);
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_checkpoint SET last_transaction_id = ?::xid8,"
                    + " last_id = ? WHERE relay = ?")) {
                s.setString(1, last.transactionId());
                s.setLong(2, last.id());
                s.setString(3, Outbox.CATALOGUE_EVENTS);
                s.executeUpdate();
            }
            return rows.size();
        } catch (SQLException | TimeoutException e) {
            throw new IllegalStateException("outbox relay failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an outbox record: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay'))");
                ResultSet r = s.executeQuery()) {
            return r.next() && r.getBoolean(1);
        }
    }

    private static List<Row> next(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT o.id, o.transaction_id::text, o.event_id::text, o.message_key, o.type, o.subject, o.payload::text,
                       o.created_at
                FROM outbox o, outbox_checkpoint cp
                WHERE cp.relay = ?
                  AND (o.transaction_id, o.id) > (cp.last_transaction_id, cp.last_id)
                  AND o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY o.transaction_id, o.id
                LIMIT ?""")) {
            s.setString(1, Outbox.CATALOGUE_EVENTS);
            s.setInt(2, BATCH);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getObject(8, java.time.OffsetDateTime.class)));
                }
            }
        }
        return rows;
    }

    private CompletableFuture<Void> send(Row row) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(row.payload())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.eventId())
                        .withType(row.type())
                        .withSubject(row.subject())
                        .withTimestamp(row.createdAt().atZoneSameInstant(ZoneOffset.UTC))
                        .build());
        emitter.send(message);
        return acked;
    }
}
