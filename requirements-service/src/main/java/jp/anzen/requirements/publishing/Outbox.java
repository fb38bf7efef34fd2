package jp.anzen.requirements.publishing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Writes an event to the outbox in the caller's transaction: it is sent if, and only if, that commits. */
@ApplicationScoped
public class Outbox {

    public static final String CATALOGUE_EVENTS = "catalogue-events";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    /** Wakes the relay once the caller's transaction committed (and never, when it rolls back). */
    private final Event<OutboxWritten> written;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json, Event<OutboxWritten> written) {
        this.dataSource = dataSource;
        this.json = json;
        this.written = written;
    }

    public void add(String key, String type, String subject, Object payload) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO outbox (topic, message_key, type, subject, payload)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb)")) {
            s.setString(1, CATALOGUE_EVENTS);
            s.setString(2, key);
            s.setString(3, type);
            s.setString(4, subject);
            s.setString(5, json.writeValueAsString(payload));
            s.executeUpdate();
            written.fire(OutboxWritten.INSTANCE);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write to the outbox", e);
        }
    }
}
