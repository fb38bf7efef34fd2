package jp.anzen.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * When 10,000 facilities arrive at once, the projection's tables are analysed as they grow, not a minute later by
 * autovacuum. In a schema of its own, so that the live tables' statistics are not the test's to change.
 */
@QuarkusTest
class TableStatisticsTest {

    private static final String SCHEMA = "statistics_test";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void a_table_is_analysed_once_it_has_doubled_since_its_last_analysis_and_not_before() throws Exception {
        TableStatistics statistics = new TableStatistics(SCHEMA, Duration.ZERO);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".answer (n int)");
            insert(c, 1500);
            s.execute("ANALYZE " + SCHEMA + ".answer");

            insert(c, 1000);
            statistics.refreshIfGrown(c);
            assertThat(analysedRows(c)).as("1,000 new rows beside 1,500").isEqualTo(1500);

            insert(c, 1000);
            statistics.refreshIfGrown(c);
            assertThat(analysedRows(c)).as("2,000 new rows beside 1,500").isEqualTo(3500);
        }
    }

    private static void insert(Connection c, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + SCHEMA + ".answer SELECT generate_series(1, " + rows + ")");
            // a backend reports its changes to the statistics views at most once a second, unless asked
            s.execute("SELECT pg_stat_force_next_flush()");
        }
    }

    /** The rows PostgreSQL's planner believes the table has: what the last analysis counted. */
    private static long analysedRows(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = '" + SCHEMA + ".answer'::regclass")) {
            r.next();
            return r.getLong(1);
        }
    }
}
