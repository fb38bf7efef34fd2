package jp.anzen.assessment.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.assessment.Fixtures;

/**
 * A version replicated before the replica kept wording (its rows without text or place) gets them when the catalogue
 * is read again (a new consumer group reads it from the start once), and nothing else about it changes.
 */
@QuarkusTest
class CatalogueReplicaTest {

    @Inject
    CatalogueReplica replica;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_version_replicated_without_its_wording_gets_it_when_its_event_is_read_again() throws Exception {
        String framework = "old-replica-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // as the replica stored it before it kept wording
            s.execute("INSERT INTO published_version (framework_id, version, framework_kind, fiscal_year, event_id)"
                    + " VALUES ('" + framework + "', '2025', 'checklist', 2025, 'old')");
            s.execute("INSERT INTO published_requirement (requirement_id, framework_id, version, kind, number, facility_kinds)"
                    + " VALUES ('" + framework + ":2025:1-1', '" + framework + "', '2025', 'item', '1①', '{hospital}')");
        }
        Fixtures.catalogueEvent(framework, "framework-version-published", framework + "/2025", """
                {"frameworkId":"%1$s","frameworkKind":"checklist","frameworkTitleJa":"古い様式","version":"2025","fiscalYear":2025,
                 "titleJa":"令和7年度版","requirements":[
                  {"id":"%1$s:2025:1-1","kind":"item","position":3,"number":"1①","textJa":"責任者を設置している。",
                   "target":"all-systems","facilityKinds":["hospital"]}]}""".formatted(framework));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        CatalogueReplica.Item item;
        do {
            Thread.sleep(100);
            item = replica.version(framework, "2025").orElseThrow().items().get(framework + ":2025:1-1");
        } while (item.textJa() == null && System.nanoTime() < deadline);
        assertThat(item.textJa()).isEqualTo("責任者を設置している。");
        assertThat(item.position()).isEqualTo(3);
        assertThat(item.number()).isEqualTo("1①");
        assertThat(replica.version(framework, "2025").orElseThrow().titleJa()).isEqualTo("令和7年度版");
    }
}
