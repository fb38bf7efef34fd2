package jp.anzen.reporting.rebuild;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * Given everything the tests of this module have published (duplicates and redeliveries included), a rebuild
 * from the beginning of the topics gives tables equal to the live ones, and the live projection carries on.
 */
@QuarkusTest
class RebuildTest {

    private static final String CODE = "2710000088";

    @Test
    void the_rebuilt_projection_equals_the_live_one_and_the_live_projection_carries_on() throws Exception {
        String assessment = UUID.randomUUID().toString();
        OffsetDateTime at = OffsetDateTime.parse("2025-09-01T10:00:00+09:00");
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.assessmentEvent(CODE, "facility-" + CODE, 1, "facility-registered", at, """
                    {"code":"%s","name":"再構築病院","kind":"hospital","prefecture":"27","hasMedicalInformationSystem":true}"""
                    .formatted(CODE));
            kafka.assessmentEvent(CODE, "assessment-" + assessment, 1, "assessment-opened", at, """
                    {"assessmentId":"%s","facilityCode":"%s","frameworkId":"rb-form","version":"2025","fiscalYear":2025}"""
                    .formatted(assessment, CODE));
            String duplicate = kafka.assessmentEvent(CODE, "assessment-" + assessment, 2, "answer-recorded", at, answer(assessment));
            kafka.assessmentEvent(duplicate, CODE, "assessment-" + assessment, 2, "answer-recorded", at, answer(assessment));
        }
        Projected.until("the rebuild test's answer", () -> Projected.applied("assessment-" + assessment) >= 2);
        UUID export = finishedExport(); // service state, not a projection: the rebuild leaves it (and the snapshot has it)
        Map<String, String> live = snapshot();

        String location = given().auth().oauth2(keycloak().user("demo-admin")).when().post("/api/reports/admin/rebuilds")
                .then().statusCode(202).body("state", equalTo("RUNNING")).extract().header("Location");
        Projected.until("the rebuild", () -> !"RUNNING".equals(state(location)));
        given().auth().oauth2(keycloak().user("demo-admin")).when().get(location).then().statusCode(200)
                .body("state", equalTo("SWITCHED"));

        assertThat(snapshot()).isEqualTo(live);
        assertThat(live.get("export_job")).contains(export.toString());
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.assessmentEvent(CODE, "facility-" + CODE, 2, "network-membership-granted", at.plusDays(1), """
                    {"facilityCode":"%s","networkId":"net-rebuilt"}""".formatted(CODE));
        }
        Projected.until("an event after the switch", () -> Projected.applied("facility-" + CODE) >= 2);
    }

    @Test
    void while_one_instance_rebuilds_no_other_starts_a_rebuild_and_any_instance_answers_for_it() throws Exception {
        RebuildRuns.Claim elsewhere = Arc.container().instance(RebuildRuns.class).get().claim("another-instance").orElseThrow();
        String location = "/api/reports/admin/rebuilds/" + elsewhere.started().id();
        try {
            given().auth().oauth2(keycloak().user("demo-admin")).when().post("/api/reports/admin/rebuilds")
                    .then().statusCode(409).contentType("application/problem+json");
            elsewhere.progressed(12, 3);
            given().auth().oauth2(keycloak().user("demo-admin")).when().get(location).then().statusCode(200)
                    .body("state", equalTo("RUNNING")).body("requestedBy", equalTo("another-instance"))
                    .body("assessmentEvents", equalTo(12)).body("catalogueEvents", equalTo(3));
            elsewhere.failed("stopped by the test");
        } finally {
            elsewhere.close();
        }
        given().auth().oauth2(keycloak().user("demo-admin")).when().get(location).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error", equalTo("stopped by the test"));
    }

    @Test
    void a_rebuild_whose_instance_stopped_says_so() throws Exception {
        UUID id = UUID.randomUUID();
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rebuild_run (id, requested_by, state, heartbeat_at) VALUES ('" + id
                    + "', 'gone', 'RUNNING', clock_timestamp() - interval '2 minutes')");
        }
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/rebuilds/" + id)
                .then().statusCode(200).body("state", equalTo("FAILED"))
                .body("error", org.hamcrest.Matchers.containsString("Start it again"));
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/rebuilds/not-a-rebuild")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void only_administrators_rebuild() {
        given().auth().oauth2(keycloak().user("demo-ops")).when().post("/api/reports/admin/rebuilds")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().post("/api/reports/admin/rebuilds").then().statusCode(401);
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/rebuilds/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    private static String answer(String assessment) {
        return """
                {"assessmentId":"%s","requirementId":"rb-form:2025:1","round":1,"value":"yes","confirmedOn":"2025-09-01",
                 "evidence":[{"uri":"urn:anzen:evidence:1","sha256":"%s"}]}""".formatted(assessment, "b".repeat(64));
    }

    private static UUID finishedExport() throws SQLException {
        UUID id = UUID.randomUUID();
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO export_job (id, owner, filename, media_type, state, finished_at, content) VALUES ('" + id
                    + "', 'rebuild-test', 'kept.xlsx', 'application/octet-stream', 'DONE', now(), '\\x01')");
        }
        return id;
    }

    private static String state(String location) {
        return given().auth().oauth2(keycloak().user("demo-admin")).when().get(location).then().extract().path("state");
    }

    /** Every projection table, its rows as JSON in a stable order. */
    private static Map<String, String> snapshot() throws SQLException {
        AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
        Map<String, String> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            // rebuild_run is the record of the rebuild itself, written while it runs; dead_letter counts the rebuild's
            // attempts at its dead letters (DeadLetterTest shows what a rebuild does there)
            try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT IN ('flyway_schema_history', 'rebuild_run', 'dead_letter') ORDER BY tablename")) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            for (String table : names) {
                try (ResultSet r = s.executeQuery("SELECT coalesce(json_agg(t ORDER BY t::text), '[]')::text FROM " + table + " t")) {
                    r.next();
                    tables.put(table, r.getString(1));
                }
            }
        }
        assertThat(tables).containsKeys("answer", "assessment", "facility", "catalogue_item", "applied_stream");
        return tables;
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }
}
