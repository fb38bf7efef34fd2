package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Planner statistics for the projection's tables while they grow fast. Autovacuum visits a database at most once a
 * minute, and until then PostgreSQL plans on statistics from when the tables were small:
 * <ul>
 * <li>live, while 10,000 facilities arrived at once, refreshing the current answers of 56 forms read 4 million index
 * entries: 0.86 s instead of 6 ms, for every batch until autovacuum came;</li>
 * <li>in a rebuild's fresh tables, which have no statistics at all, one plan ran for minutes instead of a second.</li>
 * </ul>
 * A table is analysed once it has had more changes since its last analysis than it had rows then (and at least
 * 1,000): when it has about doubled. In a steady state that never happens, and autovacuum keeps up on its own.
 */
public final class TableStatistics {

    private static final String[] TABLES = { "facility", "facility_network", "facility_vendor", "assessment", "answer",
            "carried_answer", "catalogue_item", "applied_stream" };

    private final String schema;
    private final long checkEveryNanos;
    private long lastCheck;

    /** The projection's tables in {@code schema}, looked at no more often than {@code checkEvery}. */
    public TableStatistics(String schema, Duration checkEvery) {
        this.schema = schema;
        this.checkEveryNanos = checkEvery.toNanos();
        this.lastCheck = System.nanoTime() - checkEveryNanos;
    }

    /** Analyses the tables that have about doubled since their last analysis, on the caller's connection. */
    public synchronized void refreshIfGrown(Connection c) throws SQLException {
        long now = System.nanoTime();
        if (now - lastCheck < checkEveryNanos) {
            return;
        }
        lastCheck = now;
        List<String> grown = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class t ON t.oid = s.relid
                WHERE s.schemaname = ? AND s.relname = ANY (?) AND s.n_mod_since_analyze > greatest(1000, t.reltuples)""")) {
            s.setString(1, schema);
            s.setArray(2, c.createArrayOf("text", TABLES));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    grown.add(schema + "." + r.getString(1));
                }
            }
        }
        if (!grown.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + String.join(", ", grown));
            }
        }
    }
}
