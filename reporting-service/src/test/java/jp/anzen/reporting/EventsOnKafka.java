package jp.anzen.reporting;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Given-steps: events on the real topics, shaped as the catalogue and assessment services publish them
 * (binary CloudEvents), so that the projection is tested through Kafka, as in production.
 */
public final class EventsOnKafka implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public EventsOnKafka() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** An assessment event; returns its CloudEvent id so a test can deliver it again. */
    public String assessmentEvent(String facilityCode, String streamId, int streamVersion, String type, OffsetDateTime time,
            String payload) {
        return assessmentEvent(UUID.randomUUID().toString(), facilityCode, streamId, streamVersion, type, time, payload);
    }

    public String assessmentEvent(String id, String facilityCode, String streamId, int streamVersion, String type,
            OffsetDateTime time, String payload) {
        var record = new ProducerRecord<>("assessment-events", facilityCode, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", "urn:anzen:assessment-service");
        header(record, "ce_type", "jp.anzen.assessment." + type + ".v1");
        header(record, "ce_subject", streamId);
        header(record, "ce_time", time.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, "ce_streamid", streamId);
        header(record, "ce_streamversion", Integer.toString(streamVersion));
        header(record, "content-type", "application/json");
        send(record);
        return id;
    }

    public void catalogueVersionPublished(String frameworkId, String version, String payload) {
        catalogueEvent("framework-version-published", frameworkId, frameworkId + "/" + version, payload);
    }

    public void catalogueEvent(String type, String frameworkId, String subject, String payload) {
        var record = new ProducerRecord<>("catalogue-events", frameworkId, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "urn:anzen:requirements-service");
        header(record, "ce_type", "jp.anzen.catalogue." + type + ".v1");
        header(record, "ce_subject", subject);
        header(record, "content-type", "application/json");
        send(record);
    }

    /** A record with exactly these headers, whatever they are: what a broken or foreign producer might write. */
    public void raw(String topic, String key, String value, Map<String, String> headers) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> header(record, name, v));
        send(record);
    }

    /** An assessment event of a type and version of the caller's choosing ({@code jp.anzen.assessment.} + type). */
    public void assessmentEventOfType(String facilityCode, String streamId, int streamVersion, String typeWithVersion,
            OffsetDateTime time, String payload) {
        raw("assessment-events", facilityCode, payload, Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "urn:anzen:assessment-service", "ce_type", "jp.anzen.assessment." + typeWithVersion,
                "ce_time", time.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME), "ce_streamid", streamId,
                "ce_streamversion", Integer.toString(streamVersion)));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the test event", e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
