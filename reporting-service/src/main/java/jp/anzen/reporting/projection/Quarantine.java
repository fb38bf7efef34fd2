package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies events so that no single one can stop a projection. A batch is applied whole, as before; only when it fails
 * is it applied again one event at a time, each under a savepoint, and an event that still fails is dead-lettered
 * ({@link DeadLetterStore}) while its stream moves past it. A failure that is not the event's fault (the database went
 * away, a deadlock, a timeout) is thrown on, for the caller to retry the whole batch: dead-lettering good events
 * because PostgreSQL restarted would lose them from the reports.
 */
@ApplicationScoped
public class Quarantine {

    private static final Logger LOG = Logger.getLogger(Quarantine.class);
    /** SQLSTATE classes of failures that are the server's or the moment's, not the event's. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "XX");

    private final Projector projector;

    public Quarantine(Projector projector) {
        this.projector = projector;
    }

    /**
     * What applying some records did: how many events changed the projection, the records dead-lettered (none,
     * normally), and how many of those were dead-lettered for the first time (the others were known already: a
     * redelivery, a rebuild).
     */
    public record Applied(int changed, List<ConsumerRecord<String, String>> deadLettered, int firstTime) {

        static final Applied NONE = new Applied(0, List.of(), 0);
    }

    /** Applies a batch of {@code assessment-events}. */
    public Applied applyAssessmentEvents(Connection c, List<ConsumerRecord<String, String>> records) throws SQLException {
        Savepoint whole = c.setSavepoint();
        try {
            int changed = projector.applyAssessmentEvents(c, records);
            c.releaseSavepoint(whole);
            return new Applied(changed, List.of(), 0);
        } catch (Exception e) {
            throwIfTransient(e);
            c.rollback(whole);
            LOG.warnf("A batch of %d assessment events failed (%s); applying them one at a time", records.size(),
                    DeadLetterStore.reason(e));
        }
        int changed = 0;
        int firstTime = 0;
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Savepoint one = c.setSavepoint();
            try {
                changed += projector.applyAssessmentEvents(c, List.of(record));
                c.releaseSavepoint(one);
            } catch (Exception e) {
                throwIfTransient(e);
                c.rollback(one);
                firstTime += deadLetter(c, record, e) ? 1 : 0;
                dead.add(record);
                passOver(c, record);
            }
        }
        return new Applied(changed, dead, firstTime);
    }

    /** Applies one {@code catalogue-events} record. */
    public Applied applyCatalogueEvent(Connection c, ConsumerRecord<String, String> record) throws SQLException {
        Savepoint one = c.setSavepoint();
        try {
            boolean changed = projector.applyCatalogueEvent(c, record);
            c.releaseSavepoint(one);
            return changed ? new Applied(1, List.of(), 0) : Applied.NONE;
        } catch (Exception e) {
            throwIfTransient(e);
            c.rollback(one);
            return new Applied(0, List.of(record), deadLetter(c, record, e) ? 1 : 0);
        }
    }

    /** Records the dead letter; whether it is the first time. */
    private static boolean deadLetter(Connection c, ConsumerRecord<String, String> record, Exception e) throws SQLException {
        String reason = DeadLetterStore.reason(e);
        LOG.errorf("Dead-lettered the event at %s-%d@%d (key %s): %s. Every other event is projected; list it at"
                + " /api/reports/admin/dead-letters and replay it once the cause is fixed", record.topic(), record.partition(),
                record.offset(), DeadLetterStore.printable(record.key()), reason);
        return DeadLetterStore.record(c, record, reason);
    }

    /** The stream goes on after the dead event; if even that fails, its later events wait (held) as for a gap. */
    private void passOver(Connection c, ConsumerRecord<String, String> record) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            projector.passOver(c, CloudEventHeaders.of(record));
            c.releaseSavepoint(sp);
        } catch (Exception e) {
            throwIfTransient(e);
            c.rollback(sp);
            LOG.warnf("Could not move the stream past the dead-lettered event at %s-%d@%d: %s", record.topic(),
                    record.partition(), record.offset(), DeadLetterStore.reason(e));
        }
    }

    /** Throws the failure on unless applying the event itself failed. */
    static void throwIfTransient(Exception e) throws SQLException {
        if (isTransient(e)) {
            throw e instanceof SQLException sql ? sql : new SQLException("transient failure: " + e.getMessage(), "08000", e);
        }
    }

    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
