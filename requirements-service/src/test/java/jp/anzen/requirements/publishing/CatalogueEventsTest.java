package jp.anzen.requirements.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogueEventsTest {

    @Test
    void publishing_the_shipped_version_is_announced_on_catalogue_events_as_a_cloud_event() throws Exception {
        ConsumerRecord<String, String> event = awaitEvent("mhlw-checklist-institution/2025", Duration.ofSeconds(30));

        assertThat(event.key()).isEqualTo("mhlw-checklist-institution");
        assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(event, "ce_type")).isEqualTo("jp.anzen.catalogue.framework-version-published.v1");
        assertThat(header(event, "ce_source")).isEqualTo("urn:anzen:requirements-service");
        assertThat(header(event, "ce_id")).isNotBlank();
        JsonNode payload = new ObjectMapper().readTree(event.value());
        assertThat(payload.get("version").asText()).isEqualTo("2025");
        assertThat(payload.get("requirements")).hasSize(25);
    }

    @Test
    void superseded_versions_mapping_sets_and_service_profiles_are_announced_too() {
        assertThat(header(awaitEvent("mhlw-checklist-institution/2024", Duration.ofSeconds(30)), "ce_type"))
                .isIn("jp.anzen.catalogue.framework-version-published.v1", "jp.anzen.catalogue.framework-version-superseded.v1");
        assertThat(header(awaitEvent("edition:mhlw-checklist-institution:2024--mhlw-checklist-institution:2025",
                Duration.ofSeconds(30)), "ce_type")).isEqualTo("jp.anzen.catalogue.mapping-set-published.v1");
        assertThat(header(awaitEvent("service-profile/example-cloud-ehr/1", Duration.ofSeconds(30)), "ce_type"))
                .isEqualTo("jp.anzen.catalogue.service-profile-published.v1");
    }

    private static ConsumerRecord<String, String> awaitEvent(String subject, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("catalogue-events"));
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String ceSubject = header(record, "ce_subject");
                    seen.add(ceSubject);
                    if (subject.equals(ceSubject)) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no event for " + subject + " within " + timeout + "; saw " + seen);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
