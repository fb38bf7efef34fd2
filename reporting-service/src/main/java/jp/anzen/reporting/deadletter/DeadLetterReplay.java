package jp.anzen.reporting.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import jp.anzen.reporting.problem.ConflictException;
import jp.anzen.reporting.problem.NotVisibleException;
import jp.anzen.reporting.projection.DeadLetterStore;
import jp.anzen.reporting.projection.ProjectionLock;
import jp.anzen.reporting.projection.ProjectionTransactions;
import jp.anzen.reporting.projection.Projector;
import jp.anzen.reporting.projection.Quarantine;
import jp.anzen.reporting.sql.Parameters;

/**
 * Replays or dismisses one dead letter. A replay applies the event and marks it replayed in one transaction, with the
 * row locked: two administrators, or two instances, never apply it twice, and a crash leaves it pending, never
 * half-applied. An event that still fails stays pending, with the new reason and the attempt counted.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);

    /** What a replay did: the dead letter after it, and whether the event now applied. */
    public record Outcome(boolean applied, String reason) {
    }

    private final ProjectionTransactions transactions;
    private final Projector projector;

    public DeadLetterReplay(ProjectionTransactions transactions, Projector projector) {
        this.transactions = transactions;
        this.projector = projector;
    }

    public Outcome replay(UUID id, String by) throws Exception {
        return transactions.inTransaction(c -> {
            ConsumerRecord<String, String> record = lockPending(c, id);
            ProjectionLock.shared(c);
            Savepoint sp = c.setSavepoint();
            try {
                applyAgain(c, projector, record);
                c.releaseSavepoint(sp);
            } catch (Exception e) {
                if (Quarantine.isTransient(e)) {
                    throw e;
                }
                c.rollback(sp);
                String reason = DeadLetterStore.reason(e);
                update(c, "UPDATE dead_letter SET attempts = attempts + 1, last_attempt_at = now(), reason = ? WHERE id = ?",
                        reason, id);
                LOG.warnf("Replay of dead letter %s by %s failed again: %s", id, by, reason);
                return new Outcome(false, reason);
            }
            update(c, "UPDATE dead_letter SET status = 'replayed', attempts = attempts + 1, last_attempt_at = now(),"
                    + " resolved_at = now(), resolved_by = ?, resolution_note = 'replayed' WHERE id = ?", by, id);
            LOG.infof("Dead letter %s replayed by %s", id, by);
            return new Outcome(true, null);
        });
    }

    /** Applies a dead letter's record again, in the tables the connection sees. */
    public static void applyAgain(Connection c, Projector projector, ConsumerRecord<String, String> record) throws Exception {
        if ("catalogue-events".equals(record.topic())) {
            projector.applyCatalogueEvent(c, record);
        } else {
            projector.replayAssessmentEvent(c, record);
        }
    }

    /** Takes a dead letter off the pending list without applying it: the administrator has dealt with it otherwise. */
    public void dismiss(UUID id, String by, String note) throws Exception {
        transactions.inTransaction(c -> {
            lockPending(c, id);
            update(c, "UPDATE dead_letter SET status = 'dismissed', resolved_at = now(), resolved_by = ?,"
                    + " resolution_note = ? WHERE id = ?", by, note, id);
            LOG.infof("Dead letter %s dismissed by %s: %s", id, by, note);
            return null;
        });
    }

    private static ConsumerRecord<String, String> lockPending(Connection c, UUID id) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM dead_letter WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new NotVisibleException("No dead letter " + id);
                }
                if (!"pending".equals(r.getString("status"))) {
                    throw new ConflictException("Dead letter " + id + " is " + r.getString("status") + " already ("
                            + r.getString("resolved_by") + "); only a pending one can be replayed or dismissed");
                }
                return DeadLetterStore.reread(r);
            }
        }
    }

    private static void update(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Parameters.bind(s, values);
            s.executeUpdate();
        }
    }
}
