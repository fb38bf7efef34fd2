package jp.anzen.reporting.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;

import io.agroal.api.AgroalDataSource;
import jp.anzen.reporting.projection.DeadLetterStore;

/** Reads the dead-letter list (V10) for administrators. */
@ApplicationScoped
public class DeadLetters {

    /** A page of the list, newest first. */
    public record Page(int page, int size, long total, List<DeadLetter> items) {
    }

    private final AgroalDataSource dataSource;

    public DeadLetters(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page list(String status, int page, int size) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT *, count(*) OVER () AS total FROM dead_letter"
                        + " WHERE (?::text IS NULL OR status = ?) ORDER BY dead_since DESC, id LIMIT ? OFFSET ?")) {
            s.setString(1, status);
            s.setString(2, status);
            s.setInt(3, size);
            s.setLong(4, (long) page * size);
            List<DeadLetter> items = new ArrayList<>();
            long total = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    total = r.getLong("total");
                    items.add(view(r, false));
                }
            }
            if (items.isEmpty() && page > 0) {
                total = count(c, status);
            }
            return new Page(page, size, total, items);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the dead letters", e);
        }
    }

    public Optional<DeadLetter> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM dead_letter WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(view(r, true)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the dead letter", e);
        }
    }

    private static long count(Connection c, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM dead_letter WHERE (?::text IS NULL OR status = ?)")) {
            s.setString(1, status);
            s.setString(2, status);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** With {@code whole}, the record itself too (headers and payload): one dead letter, not a page of them. */
    static DeadLetter view(ResultSet r, boolean whole) throws SQLException {
        // a page lists no records: only one dead letter is read back whole
        var record = whole ? DeadLetterStore.reread(r) : null;
        List<DeadLetter.Header> headers = whole ? new ArrayList<>() : null;
        if (whole) {
            for (Header h : record.headers()) {
                String text = printableUtf8(h.value());
                headers.add(new DeadLetter.Header(h.key(), text,
                        text == null ? java.util.Base64.getEncoder().encodeToString(h.value()) : null));
            }
        }
        return new DeadLetter(r.getString("id"), r.getString("status"), r.getString("reason"), r.getInt("attempts"),
                instant(r, "dead_since"), instant(r, "last_attempt_at"),
                new DeadLetter.Source(r.getString("source_topic"), r.getInt("source_partition"), r.getLong("source_offset"),
                        r.getString("record_key")),
                r.getString("event_type"), r.getString("stream_id"), (Integer) r.getObject("stream_version"),
                r.getString("facility_code"), headers, whole ? record.value() : null, instant(r, "resolved_at"),
                r.getString("resolved_by"),
                r.getString("resolution_note"), instant(r, "published_at"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The bytes as text when they are valid UTF-8 without control characters; otherwise null. */
    private static String printableUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.chars().anyMatch(Character::isISOControl) ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
