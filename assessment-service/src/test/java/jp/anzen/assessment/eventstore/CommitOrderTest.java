package jp.anzen.assessment.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay publishes in transaction id order, so a stream's events may only be appended by transactions whose ids
 * do not go back: otherwise version 3 would reach Kafka before version 2.
 */
@QuarkusTest
class CommitOrderTest {

    private static final String FACILITY = "0000000000";
    private static final Actor ACTOR = new Actor("commit-order-test", "commit-order-test", "test", List.of(), null,
            "commit-order-test");

    @Inject
    EventStore events;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_transaction_that_began_before_the_streams_last_writer_may_not_append_after_it() throws Exception {
        String stream = "commit-order-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> events.append(stream, FACILITY, 0, event(1), ACTOR));
        CountDownLatch olderHasItsId = new CountDownLatch(1);
        CountDownLatch newerCommitted = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            // given a transaction that wrote something first (as a push claims its idempotency key), so has its id,
            Future<?> older = thread.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                takeTransactionId();
                olderHasItsId.countDown();
                await(newerCommitted);
                // when it reads the stream only after a newer transaction appended, and appends after that
                events.append(stream, FACILITY, events.currentVersion(stream), event(3), ACTOR);
            }));
            assertThat(olderHasItsId.await(30, TimeUnit.SECONDS)).isTrue();
            QuarkusTransaction.requiringNew().run(() -> events.append(stream, FACILITY, 1, event(2), ACTOR));
            newerCommitted.countDown();

            // then the append is refused and nothing of it is written
            assertThatThrownBy(() -> older.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(CommitOrderConflict.class);
            assertThat(events.currentVersion(stream)).isEqualTo(2);
        } finally {
            thread.shutdownNow();
        }
        // and the same command run again, in a new transaction, appends in order
        QuarkusTransaction.requiringNew().run(() -> events.append(stream, FACILITY, events.currentVersion(stream), event(3), ACTOR));
        assertThat(events.currentVersion(stream)).isEqualTo(3);
    }

    @Test
    void a_new_stream_and_a_stream_written_earlier_in_the_same_transaction_append_as_before() {
        String stream = "commit-order-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            takeTransactionId();
            events.append(stream, FACILITY, 0, event(1), ACTOR);
            events.append(stream, FACILITY, 1, event(2), ACTOR);
        });
        assertThat(events.currentVersion(stream)).isEqualTo(2);
    }

    private void takeTransactionId() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_current_xact_id()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<NewEvent> event(int n) {
        return List.of(new NewEvent("commit-order-tested", Map.of("n", n)));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the newer transaction did not commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
