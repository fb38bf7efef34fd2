package jp.anzen.stack.load;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A network of many facilities for the report-read figures, written as events onto {@code assessment-events}
 * (the reporting projection's input, as the assessment service's relay writes them): registering 10,000
 * facilities through the API would take the whole time budget of the run. Codes are in prefecture 47 and
 * the network is {@value #NETWORK}, apart from the tenants made through the API; the assessment service,
 * which does not read this topic, never learns of them.
 */
final class SeededNetwork {

    static final String NETWORK = "net-seeded";
    static final String PREFECTURE = "47";
    private static final String[] ITEMS = { "1-1", "2-1", "2-2", "2-3", "2-6", "2-7" };

    private SeededNetwork() {
    }

    /** Returns the number of events written. */
    static long publish(String bootstrap, int facilities) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long events = 0;
        OffsetDateTime at = OffsetDateTime.parse("2025-06-01T09:00:00+09:00");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < facilities; i++) {
                String code = PREFECTURE + "1" + String.format("%07d", 5_000_000 + i);
                String facility = "facility-" + code;
                String assessment = UUID.randomUUID().toString();
                send(producer, code, facility, 1, "facility-registered", at, """
                        {"code":"%s","name":"集計試験病院%d","kind":"hospital","prefecture":"%s","hasMedicalInformationSystem":true}"""
                        .formatted(code, i, PREFECTURE));
                send(producer, code, facility, 2, "network-membership-granted", at, """
                        {"facilityCode":"%s","networkId":"%s"}""".formatted(code, NETWORK));
                send(producer, code, "assessment-" + assessment, 1, "assessment-opened", at, """
                        {"assessmentId":"%s","facilityCode":"%s","frameworkId":"mhlw-checklist-institution","version":"2025","fiscalYear":2025}"""
                        .formatted(assessment, code));
                events += 3;
                // the event contract v2: the facility's answers as one command (one answers-recorded event)
                StringBuilder answers = new StringBuilder();
                for (int k = 0; k < ITEMS.length; k++) {
                    boolean no = (i + k) % 5 == 0;
                    answers.append(k == 0 ? "" : ",").append("""
                            {"requirementId":"mhlw-checklist-institution:2025:%s","round":1,"value":"%s",\
                            "confirmedOn":"2025-06-01"%s}""".formatted(ITEMS[k], no ? "no" : "yes",
                            no ? ",\"targetDate\":\"2025-09-30\"" : ""));
                }
                send(producer, code, "assessment-" + assessment, 2, "answers-recorded", at.plusMinutes(1), """
                        {"assessmentId":"%s","answers":[%s]}""".formatted(assessment, answers));
                events++;
            }
            producer.flush();
        }
        return events;
    }

    private static void send(KafkaProducer<String, String> producer, String code, String stream, int version, String type,
            OffsetDateTime at, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>("assessment-events", code, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "urn:anzen:load-tool");
        header(record, "ce_type", "jp.anzen.assessment." + type + ".v1");
        header(record, "ce_time", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, "ce_streamid", stream);
        header(record, "ce_streamversion", Integer.toString(version));
        header(record, "ce_facilitycode", code);
        header(record, "content-type", "application/json");
        producer.send(record);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
