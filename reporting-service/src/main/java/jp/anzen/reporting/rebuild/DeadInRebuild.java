package jp.anzen.reporting.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import jp.anzen.reporting.deadletter.DeadLetterReplay;
import jp.anzen.reporting.projection.DeadLetterStore;
import jp.anzen.reporting.projection.DeadLetterTopic;
import jp.anzen.reporting.projection.Projector;
import jp.anzen.reporting.projection.Quarantine;

/**
 * The events a rebuild could not apply. The rebuild dead-letters them as the live projection does (once: one already
 * known is not recorded again). At the switch, every dead letter still pending that the rebuild read and applied this
 * time (the cause was fixed in the code since) is marked replayed by the rebuild, so that its facility is no longer
 * shown as stale.
 */
final class DeadInRebuild {

    private final String rebuildId;
    private final List<String> failed = new ArrayList<>();
    private boolean anyNew;

    DeadInRebuild(String rebuildId) {
        this.rebuildId = rebuildId;
    }

    /** Notes the records dead-lettered; returns how many events changed the projection. */
    int count(Quarantine.Applied applied) {
        applied.deadLettered().forEach(r -> failed.add(r.topic() + "/" + r.partition() + "/" + r.offset()));
        anyNew |= applied.firstTime() > 0;
        return applied.changed();
    }

    /** After a commit: the new dead letters go to their topic. */
    void publishNew(DeadLetterTopic topic) {
        if (anyNew) {
            topic.publishPending();
            anyNew = false;
        }
    }

    /**
     * In the switch's transaction: a dead letter an administrator replayed that failed again in the rebuild (it failed
     * for want of a later event, say) is applied again at the end, as the replay did; if it fails now, it is pending
     * again, and its facility stale.
     */
    void replayAgain(Connection c, Projector projector) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM public.dead_letter WHERE status = 'replayed'"
                + " AND source_topic || '/' || source_partition || '/' || source_offset = ANY (?::text[])"
                + " ORDER BY source_topic DESC, source_partition, source_offset FOR UPDATE")) {
            s.setArray(1, c.createArrayOf("text", failed.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Savepoint sp = c.setSavepoint();
                    try {
                        DeadLetterReplay.applyAgain(c, projector, DeadLetterStore.reread(r));
                        c.releaseSavepoint(sp);
                    } catch (Exception e) {
                        if (Quarantine.isTransient(e)) {
                            throw e;
                        }
                        c.rollback(sp);
                        try (PreparedStatement again = c.prepareStatement("UPDATE public.dead_letter SET status = 'pending',"
                                + " reason = ?, resolved_at = NULL, resolved_by = NULL, resolution_note = NULL WHERE id = ?")) {
                            again.setString(1, DeadLetterStore.reason(e));
                            again.setObject(2, r.getObject("id"));
                            again.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    /** In the switch's transaction: pending dead letters below the offsets read that did not fail again are resolved. */
    void resolveApplied(Connection c, Map<TopicPartition, Long> readTo) throws SQLException {
        List<String> topics = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        readTo.forEach((p, end) -> {
            topics.add(p.topic());
            partitions.add(p.partition());
            ends.add(end);
        });
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE public.dead_letter d SET status = 'replayed', resolved_at = now(), resolved_by = ?,
                    resolution_note = 'applied by the rebuild'
                FROM unnest(?::text[], ?::int[], ?::bigint[]) AS r(topic, part, end_offset)
                WHERE d.status = 'pending' AND d.source_topic = r.topic AND d.source_partition = r.part
                  AND d.source_offset < r.end_offset
                  AND NOT (d.source_topic || '/' || d.source_partition || '/' || d.source_offset = ANY (?::text[]))""")) {
            s.setString(1, "rebuild " + rebuildId);
            s.setArray(2, c.createArrayOf("text", topics.toArray()));
            s.setArray(3, c.createArrayOf("int4", partitions.toArray()));
            s.setArray(4, c.createArrayOf("int8", ends.toArray()));
            s.setArray(5, c.createArrayOf("text", failed.toArray()));
            s.executeUpdate();
        }
    }
}
