package jp.anzen.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The {@code dead_letter} table (V10), written in the projection's own transaction, so that an event is dead-lettered
 * exactly once: together with its stream moving past it, or not at all.
 */
public final class DeadLetterStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FACILITY_CODE = Pattern.compile("[0-9]{10}");
    private static final int MAX_TEXT = 2000;

    private DeadLetterStore() {
    }

    /**
     * Records the record with the reason, in the connection's schema-independent table {@code public.dead_letter};
     * whether this is the first time (then it is yet to be sent to the dead-letter topic). One recorded before (a
     * redelivery, a rebuild) has its attempt and reason updated and its status kept (a rebuild applies the replayed ones
     * again at its end).
     */
    public static boolean record(Connection c, ConsumerRecord<String, String> record, String reason)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO public.dead_letter (id, source_topic, source_partition, source_offset, record_key, headers,
                    payload, event_type, stream_id, stream_version, facility_code, reason)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_topic, source_partition, source_offset) DO UPDATE
                SET attempts = dead_letter.attempts + 1, last_attempt_at = now(), reason = excluded.reason
                RETURNING id""")) {
            s.setObject(1, id);
            s.setString(2, record.topic());
            s.setInt(3, record.partition());
            s.setLong(4, record.offset());
            s.setString(5, printable(record.key()));
            s.setString(6, headers(record));
            s.setBytes(7, record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8));
            s.setString(8, printable(header(record, "ce_type")));
            s.setString(9, printable(header(record, "ce_streamid")));
            s.setObject(10, streamVersion(record));
            s.setString(11, "assessment-events".equals(record.topic()) && record.key() != null
                    && FACILITY_CODE.matcher(record.key()).matches() ? record.key() : null);
            s.setString(12, printable(reason));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1, UUID.class).equals(id);
            }
        }
    }

    /** The record as it was read, to be applied again or sent to the dead-letter topic. */
    public static ConsumerRecord<String, String> reread(ResultSet r) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        try {
            for (var pair : JSON.readTree(r.getString("headers"))) {
                headers.add(pair.get(0).asText(), Base64.getDecoder().decode(pair.get(1).asText()));
            }
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable headers of dead letter " + r.getString("id"), e);
        }
        byte[] payload = r.getBytes("payload");
        return new ConsumerRecord<>(r.getString("source_topic"), r.getInt("source_partition"), r.getLong("source_offset"),
                ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, r.getString("record_key"), payload == null ? null : new String(payload, StandardCharsets.UTF_8),
                headers, Optional.empty());
    }

    /** Every header, exactly: [[name, base64 value], ...]. */
    private static String headers(ConsumerRecord<String, String> record) {
        ArrayNode all = JSON.createArrayNode();
        for (Header h : record.headers()) {
            all.addArray().add(printable(h.key())).add(Base64.getEncoder().encodeToString(h.value() == null ? new byte[0] : h.value()));
        }
        return all.toString();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer streamVersion(ConsumerRecord<String, String> record) {
        String v = header(record, "ce_streamversion");
        return v != null && v.matches("[0-9]{1,9}") ? Integer.valueOf(v) : null;
    }

    /** Text PostgreSQL can hold and a person can read: no NUL or other control characters, bounded. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.codePoints().map(cp -> Character.isISOControl(cp) ? '\uFFFD' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) + "…" : clean;
    }

    /** Why applying an event failed, for the person who will fix it: each cause's kind and message. */
    public static String reason(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            parts.add(t instanceof UnreadableEventException ? message
                    : t.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
        return printable(String.join(" / caused by ", parts));
    }
}
