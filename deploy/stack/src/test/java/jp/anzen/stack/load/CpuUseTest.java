package jp.anzen.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** PostgreSQL's children by their titles, and CPU per unit of work. */
class CpuUseTest {

    @Test
    void a_client_backend_counts_under_its_database_and_the_servers_own_workers_under_postgres() {
        assertThat(CpuUse.postgresProcess("postgres: postgres assessment 127.0.0.1(41234) idle")).isEqualTo("postgres:assessment");
        assertThat(CpuUse.postgresProcess("postgres: postgres reporting 127.0.0.1(41240) INSERT ")).isEqualTo("postgres:reporting");
        assertThat(CpuUse.postgresProcess("postgres: anzen reporting [local] SELECT")).isEqualTo("postgres:reporting");
        assertThat(CpuUse.postgresProcess("postgres: walwriter ")).isEqualTo("postgres");
        assertThat(CpuUse.postgresProcess("postgres: autovacuum worker reporting")).isEqualTo("postgres");
        assertThat(CpuUse.postgresProcess("postgres: checkpointer")).isEqualTo("postgres");
        assertThat(CpuUse.postgresProcess(null)).isEqualTo("postgres");
    }

    @Test
    void cpu_per_unit_is_each_processs_ticks_over_the_units_busiest_first() {
        // 100 ticks a second: 30 ticks over 60,000 answers is 5 µs an answer
        CpuUse.Sample from = new CpuUse.Sample(Map.of("gateway", 10L, "postgres:assessment", 100L), 0);
        CpuUse.Sample to = new CpuUse.Sample(Map.of("gateway", 40L, "postgres:assessment", 220L, "kafka", 0L), 1);
        assertThat(CpuUse.perUnit(from, to, 60_000, "answer"))
                .isEqualTo("postgres:assessment 20, gateway 5 µs per answer (25 in all)");
    }
}
