package jp.anzen.stack.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far the reporting service's consumer group is behind the end of assessment-events. */
final class ProjectionLag {

    private ProjectionLag() {
    }

    /**
     * Waits until the reporting projection has consumed every event and the topic has been still for a second
     * (so that the assessment service's relay has nothing left to send either); returns the events in the topic.
     */
    static long awaitCaughtUp(String bootstrap, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastEnd = -1;
            long stillSince = System.nanoTime();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("reporting-service")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of("assessment-events")).allTopicNames().get().get("assessment-events").partitions()
                        .forEach(p -> latest.put(new TopicPartition("assessment-events", p.partition()), OffsetSpec.latest()));
                long lag = 0;
                long end = 0;
                for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata done = committed.get(e.getKey());
                    lag += e.getValue().offset() - (done == null ? 0 : done.offset());
                    end += e.getValue().offset();
                }
                if (end != lastEnd) {
                    lastEnd = end;
                    stillSince = System.nanoTime();
                } else if (lag == 0 && System.nanoTime() - stillSince > 1_000_000_000L) {
                    return end;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the reporting projection still lags by " + lag + " events");
                }
                Thread.sleep(100);
            }
        }
    }
}
