package jp.anzen.reporting.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * The rebuilds' record (V9), and their one-at-a-time rule across every instance of the service: a rebuild runs while
 * it holds a session lock on a connection of its own, which PostgreSQL releases if the instance dies. Two instances
 * rebuilding at once would drop each other's fresh tables.
 */
@ApplicationScoped
public class RebuildRuns {

    private static final Logger LOG = Logger.getLogger(RebuildRuns.class);
    /** An arbitrary key, the same in every instance: "anzen-rebuild". */
    private static final long KEY = 0x616e7a656e726562L;
    /** A running rebuild not heard of for this long died with its instance. */
    static final Duration SILENT = Duration.ofMinutes(1);
    static final String STOPPED = "The service instance running this rebuild stopped; the live projection is unchanged."
            + " Start it again.";

    private final AgroalDataSource dataSource;

    public RebuildRuns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The right to rebuild now, recorded as a running rebuild; empty while another instance or thread has it. */
    Optional<Claim> claim(String requestedBy) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, KEY);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || !r.getBoolean(1)) {
                        c.close();
                        return Optional.empty();
                    }
                }
            }
            UUID id = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rebuild_run (id, requested_by, state)"
                    + " VALUES (?, ?, 'RUNNING') RETURNING started_at")) {
                s.setObject(1, id);
                s.setString(2, requestedBy);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    Rebuild started = new Rebuild(id.toString(), Rebuild.State.RUNNING, requestedBy,
                            r.getTimestamp(1).toInstant(), null, 0, 0, null, null);
                    return Optional.of(new Claim(c, id, started));
                }
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException(e);
        }
    }

    /** Any rebuild by its id, from any instance; a running one silent for {@link #SILENT} as failed. */
    public Optional<Rebuild> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT state, requested_by, started_at, switched_at,"
                        + " assessment_events, catalogue_events, error,"
                        + " state = 'RUNNING' AND heartbeat_at < clock_timestamp() - make_interval(secs => ?)"
                        + " FROM rebuild_run WHERE id = ?")) {
            s.setDouble(1, SILENT.toSeconds());
            s.setObject(2, uuid);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                boolean stopped = r.getBoolean(8);
                Instant startedAt = r.getTimestamp(3).toInstant();
                Timestamp switched = r.getTimestamp(4);
                long events = r.getLong(5) + r.getLong(6);
                Long perSecond = switched == null ? null
                        : events * 1000 / Math.max(1, Duration.between(startedAt, switched.toInstant()).toMillis());
                return Optional.of(new Rebuild(id, stopped ? Rebuild.State.FAILED : Rebuild.State.valueOf(r.getString(1)),
                        r.getString(2), startedAt, switched == null ? null : switched.toInstant(), r.getLong(5), r.getLong(6),
                        perSecond, stopped ? STOPPED : r.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rebuild's hold on the lock and its record; closing it lets the next rebuild start. */
    static final class Claim implements AutoCloseable {

        private final Connection connection;
        private final UUID id;
        private final Rebuild started;

        private Claim(Connection connection, UUID id, Rebuild started) {
            this.connection = connection;
            this.id = id;
            this.started = started;
        }

        Rebuild started() {
            return started;
        }

        /** Also says that the rebuild is alive. */
        void progressed(long assessmentEvents, long catalogueEvents) throws SQLException {
            update("UPDATE rebuild_run SET assessment_events = ?, catalogue_events = ?, heartbeat_at = clock_timestamp()"
                    + " WHERE id = ?", assessmentEvents, catalogueEvents, id);
        }

        /** After the switch committed: a failure to record it must not read as a failed rebuild. */
        void switched() {
            try {
                update("UPDATE rebuild_run SET state = 'SWITCHED', switched_at = clock_timestamp() WHERE id = ?", id);
            } catch (SQLException e) {
                LOG.error("Rebuild " + id + " switched, but its record could not say so; it shows as failed once silent", e);
            }
        }

        void failed(String reason) {
            try {
                update("UPDATE rebuild_run SET state = 'FAILED', error = ? WHERE id = ?", reason, id);
            } catch (SQLException e) {
                LOG.error("Could not record that rebuild " + id + " failed; it shows as failed once silent", e);
            }
        }

        private void update(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                s.executeUpdate();
            }
        }

        @Override
        public void close() {
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, KEY);
                s.execute();
            } catch (SQLException e) {
                LOG.warn("Could not release the rebuild lock; it goes when this pooled connection is closed", e);
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("Could not close a connection", e);
            }
        }
    }
}
