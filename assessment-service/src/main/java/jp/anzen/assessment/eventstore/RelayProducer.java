package jp.anzen.assessment.eventstore;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.smallrye.common.annotation.Identifier;

/**
 * The event relay's Kafka producer: CloudEvents in binary mode ({@code ce_*} headers, the JSON payload as the value),
 * idempotent and acknowledged by all replicas.
 *
 * <p>A plain producer rather than a Reactive Messaging emitter: the relay already batches, orders and acknowledges
 * by itself, and under a vendor-push burst the emitter's per-record message, metadata and context-propagation
 * machinery took more of the service's CPU than the pushes did (JFR: 61% of the service's samples on the relay
 * and producer threads, of which Kafka's own sending was a tenth). Consumers still use Reactive Messaging.
 * Broker address and security come from the application's {@code kafka.*} configuration, as for every channel.
 */
@ApplicationScoped
public class RelayProducer {

    private final Producer<String, CloudEvent> producer;

    public RelayProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.producer = new KafkaProducer<>(settings(kafka), new StringSerializer(), binary());
    }

    /** The producer's settings from the application's {@code kafka.*} ones. */
    static Map<String, Object> settings(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        // a relay batch waits EventRelay.ACK_TIMEOUT_SECONDS for its acknowledgements; without a broker, fail before
        // that and let the relay pause and retry, instead of blocking its thread for Kafka's default minute
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        // batch.size stays at Kafka's 16 KB (about twenty events with their headers). 64 KB and 256 KB halved the
        // broker's CPU per event under a push burst, but the projection lag of the steady mix went from a p50 of
        // about 120 ms to 250 ms (with linger.ms 0 too), for a reason not found yet. Readers were given priority.

        // the application's kafka.* settings (broker, security, batch.size) may change those; the shared map also
        // holds consumer and Quarkus settings, so only what a producer understands is taken
        kafka.forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                config.put(name, value);
            }
        });
        // what the relay's guarantees rest on is not configurable
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "assessment-service-event-relay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    private static CloudEventSerializer binary() {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name()), false);
        return serializer;
    }

    /** Sends one event; the future completes when Kafka acknowledged it. Records of one key keep their order. */
    Future<RecordMetadata> send(String topic, String key, CloudEvent event) {
        return producer.send(new ProducerRecord<>(topic, key, event));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
