package jp.anzen.assessment.eventstore;

import static io.restassured.RestAssured.given;
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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

@QuarkusTest
class EventRelayTest {

    @Test
    void committed_events_reach_kafka_once_each_in_stream_order_keyed_by_facility() throws Exception {
        String code = "0410000016";
        String token = Fixtures.managerOf("manager-" + code, code);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":\"%s\",\"name\":\"宮城病院\",\"kind\":\"hospital\",\"prefecture\":\"04\",\"hasMedicalInformationSystem\":true}"
                        .formatted(code))
                .when().post("/api/facilities").then().statusCode(201);

        List<ConsumerRecord<String, String>> events = eventsOf(code, 1, Duration.ofSeconds(30));

        ConsumerRecord<String, String> registered = events.get(0);
        assertThat(registered.key()).isEqualTo(code);
        assertThat(header(registered, "ce_type")).isEqualTo("jp.anzen.assessment.facility-registered.v1");
        assertThat(header(registered, "ce_streamid")).isEqualTo("facility-" + code);
        assertThat(header(registered, "ce_streamversion")).isEqualTo("1");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(registered.value()).get("name").asText())
                .isEqualTo("宮城病院");
    }

    @Test
    void the_service_is_alive_while_its_relay_runs() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'event relay' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private static List<ConsumerRecord<String, String>> eventsOf(String facilityCode, int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("assessment-events"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (facilityCode.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            // a little longer, to catch a duplicate
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (facilityCode.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        assertThat(found).hasSize(expected);
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
