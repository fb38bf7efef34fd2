package jp.anzen.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends each dead letter to the dead-letter topic of its source ({@code assessment-events.dlq},
 * {@code catalogue-events.dlq}) after the transaction that recorded it commits: the record as it was read, with the
 * {@code dead-letter-*} headers SmallRye's own dead-letter queue uses (reason, topic, partition, offset) and the id of
 * its entry in the admin list. The table is the truth; a send that failed or an instance that died first leaves the
 * row unpublished, and the next round sends it (rows locked so that two instances never both send one).
 */
@ApplicationScoped
public class DeadLetterTopic {

    private static final Logger LOG = Logger.getLogger(DeadLetterTopic.class);

    private final AgroalDataSource dataSource;
    private final MutinyEmitter<String> topic;

    public DeadLetterTopic(AgroalDataSource dataSource, @Channel("dead-letters") MutinyEmitter<String> topic) {
        this.dataSource = dataSource;
        this.topic = topic;
    }

    @Scheduled(every = "30s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void publishPending() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM public.dead_letter WHERE published_at IS NULL"
                    + " ORDER BY dead_since LIMIT 100 FOR UPDATE SKIP LOCKED");
                    PreparedStatement done = c.prepareStatement("UPDATE public.dead_letter SET published_at = now() WHERE id = ?");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    send(DeadLetterStore.reread(r), r.getObject("id", UUID.class), r.getString("reason"));
                    done.setObject(1, r.getObject("id", UUID.class));
                    done.executeUpdate();
                }
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Dead letters not sent to their topic yet (the next round tries again): %s", DeadLetterStore.reason(e));
        }
    }

    private void send(ConsumerRecord<String, String> record, UUID id, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-id", id.toString().getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(record.topic() + ".dlq").withKey(record.key())
                .withHeaders(headers).build();
        topic.sendMessage(Message.of(record.value(), Metadata.of(metadata))).await().atMost(Duration.ofSeconds(15));
    }
}
