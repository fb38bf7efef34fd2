package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The held events ({@code held_event}, V7) of a batch's streams: an event that came before an earlier one of its
 * stream waits here, in the projection's transaction, until that one is applied.
 */
final class HeldEvents {

    /** A held event, with what applying it needs. */
    record Held(CloudEventHeaders headers, String payload) {
    }

    private record Key(String streamId, int version) {
    }

    private final Map<Key, Held> held = new HashMap<>();

    private HeldEvents() {
    }

    /** For an event applied out of its stream's turn (a replay): nothing is held for it. */
    static HeldEvents none() {
        return new HeldEvents();
    }

    /** One probe per batch; the table is empty unless a topic had a stream out of order. */
    static HeldEvents of(Connection c, Collection<CloudEventHeaders> events) throws SQLException {
        HeldEvents batch = new HeldEvents();
        Object[] streams = events.stream().map(CloudEventHeaders::streamId).filter(Objects::nonNull).distinct().toArray();
        try (PreparedStatement s = c.prepareStatement("SELECT stream_id, stream_version, event_id, type, event_time, payload"
                + " FROM held_event WHERE stream_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", streams));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    CloudEventHeaders headers = new CloudEventHeaders(r.getString(3), r.getString(4),
                            r.getObject(5, OffsetDateTime.class), r.getString(1), r.getInt(2));
                    batch.held.put(new Key(headers.streamId(), headers.streamVersion()), new Held(headers, r.getString(6)));
                }
            }
        }
        return batch;
    }

    void hold(Connection c, CloudEventHeaders event, String payload, String readAt) throws SQLException {
        held.put(new Key(event.streamId(), event.streamVersion()), new Held(event, payload));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO held_event (stream_id, stream_version, event_id, type,"
                + " event_time, payload, read_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, event.streamId());
            s.setInt(2, event.streamVersion());
            s.setString(3, event.id());
            s.setString(4, event.type());
            s.setObject(5, event.time());
            s.setString(6, payload);
            s.setString(7, readAt);
            s.executeUpdate();
        }
    }

    /** The held event that comes next in its stream, no longer held; null if there is none. */
    Held release(Connection c, String streamId, int version) throws SQLException {
        Held next = held.remove(new Key(streamId, version));
        if (next != null) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM held_event WHERE stream_id = ? AND stream_version = ?")) {
                s.setString(1, streamId);
                s.setInt(2, version);
                s.executeUpdate();
            }
        }
        return next;
    }
}
