package jp.anzen.assessment.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class RelayProducerTest {

    @Test
    void takes_the_broker_and_security_from_the_application_and_drops_what_is_not_for_a_producer() {
        var settings = RelayProducer.settings(Map.of("bootstrap.servers", "127.0.0.1:9092", "security.protocol", "SSL",
                "group.id", "assessment-service", "health.enabled", "true"));

        assertThat(settings).containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("security.protocol", "SSL")
                .doesNotContainKeys("group.id", "health.enabled");
    }

    @Test
    void timeouts_and_batch_size_may_be_tuned_but_acknowledgement_and_idempotence_may_not() {
        var settings = RelayProducer.settings(Map.of("batch.size", 65536, "delivery.timeout.ms", 60000, "acks", "0",
                "enable.idempotence", "false"));

        assertThat(settings).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65536)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void without_a_broker_a_send_fails_before_the_relay_gives_up_on_its_batch() {
        var settings = RelayProducer.settings(Map.of("bootstrap.servers", "127.0.0.1:9092"));

        int blocked = (int) settings.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        int delivered = (int) settings.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        assertThat(blocked).isLessThan(EventRelay.ACK_TIMEOUT_SECONDS * 1000);
        assertThat(delivered).isLessThan(EventRelay.ACK_TIMEOUT_SECONDS * 1000);
    }
}
