package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * The live consumers' transactions. A failure that is not the events' fault (PostgreSQL restarting, a deadlock) is
 * retried with the same records after a pause, up to a minute apart, for as long as it lasts: the consumer must
 * neither stop (SmallRye's fail-stop would end it for good) nor dead-letter good events. Events that are at fault
 * never reach here as failures: {@link Quarantine} dead-letters them inside the transaction.
 */
@ApplicationScoped
public class ProjectionTransactions {

    private static final Logger LOG = Logger.getLogger(ProjectionTransactions.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    /** Work in one transaction on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws Exception;
    }

    private final AgroalDataSource dataSource;

    public ProjectionTransactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(Work<T> work) throws Exception {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1;; attempt++) {
            try {
                return once(work);
            } catch (Exception e) {
                if (!Quarantine.isTransient(e) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warnf("Projection transaction failed (attempt %d), trying again in %d ms: %s", attempt, pause.toMillis(),
                        DeadLetterStore.reason(e));
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private <T> T once(Work<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException gone) {
            // the connection broke: nothing was committed
        }
    }
}
