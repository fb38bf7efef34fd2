package jp.anzen.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The CloudEvents attributes of a record in binary mode ({@code ce_*} headers). */
record CloudEventHeaders(String id, String type, OffsetDateTime time, String streamId, Integer streamVersion) {

    static CloudEventHeaders of(ConsumerRecord<String, String> record) {
        String version = header(record, "ce_streamversion");
        String time = header(record, "ce_time");
        return new CloudEventHeaders(header(record, "ce_id"), header(record, "ce_type"),
                time == null ? null : OffsetDateTime.parse(time), header(record, "ce_streamid"),
                version == null ? null : Integer.valueOf(version));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
