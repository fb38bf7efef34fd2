package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL advisory lock between the live consumers and a rebuild's switch: every live transaction holds
 * it shared; the switch holds it exclusively while it catches up and swaps the tables, so that no live change
 * lands in tables about to be retired. Advisory, so that it works across instances of the service.
 */
public final class ProjectionLock {

    /** An arbitrary key, the same in every instance: "anzen-projection". */
    private static final long KEY = 0x616e7a656e70726fL;

    private ProjectionLock() {
    }

    /** Until the end of the transaction. */
    public static void shared(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock_shared(" + KEY + ")");
        }
    }

    /** Until the end of the transaction. */
    public static void exclusive(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + KEY + ")");
        }
    }
}
