package jp.anzen.reporting.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * A projection never stops on one event. Given, on the real topic: a hospital whose answer carries the date that once
 * froze every report (-999999999-01-01), an answer after it, a clinic opened before it was registered (a constraint
 * broken: fixed once the registration has come), a record without CloudEvents attributes and one of an unknown
 * version. Each bad one is dead-lettered once, with where and why, its facility is stale in every report, and every
 * other event is projected; a replay applies once, and one that still fails stays pending. The test dismisses what it
 * made, so that the service is well again for the others.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterTest {

    /** Codes of this run alone: a rebuild reads every run's events when the servers are reused. */
    private static final int RUN = java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 999_999);
    private static final String POISONED = "131" + RUN + "1";
    private static final String HEALTHY = "131" + RUN + "2";
    private static final String EARLY = "131" + RUN + "3";
    private static final String FOREIGN = "131" + RUN + "4";
    private static final String ASSESSMENT = UUID.randomUUID().toString();
    private static final String EARLY_ASSESSMENT = UUID.randomUUID().toString();
    private static final OffsetDateTime T = OffsetDateTime.parse("2025-07-01T10:00:00+09:00");

    @BeforeAll
    static void events() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished("dl-form", "2025", """
                    {"frameworkId":"dl-form","frameworkKind":"checklist","version":"2025","fiscalYear":2025,
                     "titleJa":"令和7年度版","requirements":[
                      {"id":"dl-form:2025:1","kind":"item","position":0,"number":"1","textJa":"責任者","facilityKinds":[]},
                      {"id":"dl-form:2025:2","kind":"item","position":1,"number":"2","textJa":"台帳","facilityKinds":[]}]}""");
            registered(kafka, POISONED, "毒入病院");
            kafka.assessmentEvent(POISONED, "assessment-" + ASSESSMENT, 1, "assessment-opened", T, opened(ASSESSMENT, POISONED));
            kafka.assessmentEvent(POISONED, "assessment-" + ASSESSMENT, 2, "answer-recorded", T.plusMinutes(1),
                    answer(ASSESSMENT, "1", "yes", "-999999999-01-01"));
            kafka.assessmentEvent(POISONED, "assessment-" + ASSESSMENT, 3, "answer-recorded", T.plusMinutes(2),
                    answer(ASSESSMENT, "2", "yes", "2025-07-01"));
            registered(kafka, HEALTHY, "健全病院");
            // opened for a facility not registered yet: the assessment row's facility does not exist (the registration
            // comes later, in the replay test)
            kafka.assessmentEvent(EARLY, "assessment-" + EARLY_ASSESSMENT, 1, "assessment-opened", T, opened(EARLY_ASSESSMENT, EARLY));
            registered(kafka, FOREIGN, "異形病院");
            kafka.raw("assessment-events", FOREIGN, "not json at all", Map.of("content-type", "text/plain"));
            kafka.assessmentEventOfType(FOREIGN, "facility-" + FOREIGN, 2, "network-membership-granted.v7", T,
                    "{\"facilityCode\":\"" + FOREIGN + "\",\"networkId\":\"net-x\"}");
            kafka.assessmentEvent(FOREIGN, "facility-" + FOREIGN, 3, "network-membership-granted", T.plusMinutes(1),
                    "{\"facilityCode\":\"" + FOREIGN + "\",\"networkId\":\"net-dl\"}");
        }
        Projected.until("the answer after the poisoned one", () -> Projected.applied("assessment-" + ASSESSMENT) >= 3
                && Projected.applied("facility-" + FOREIGN) >= 3 && Projected.applied("assessment-" + EARLY_ASSESSMENT) >= 1
                && Projected.catalogue("dl-form", "2025"));
    }

    @Test
    @Order(1)
    void the_poisoned_answer_is_dead_lettered_with_where_and_why_and_the_answer_after_it_is_projected() throws Exception {
        Projected.until("the dead letters", () -> pending(POISONED).size() == 1 && pending(FOREIGN).size() == 2
                && pending(EARLY).size() == 1);
        JsonPath dead = pending(POISONED).get(0);
        assertThat(dead.getString("source.topic")).isEqualTo("assessment-events");
        assertThat(dead.getString("source.key")).isEqualTo(POISONED);
        assertThat(dead.getInt("source.offset")).isNotNegative();
        assertThat(dead.getString("streamId")).isEqualTo("assessment-" + ASSESSMENT);
        assertThat(dead.getInt("streamVersion")).isEqualTo(2);
        assertThat(dead.getString("eventType")).isEqualTo("jp.anzen.assessment.answer-recorded.v1");
        assertThat(dead.getString("reason")).contains("IllegalArgumentException");
        assertThat(dead.getString("payload")).as("a page lists no records").isNull();
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/dead-letters/" + dead.getString("id"))
                .then().statusCode(200).body("payload", containsString("-999999999-01-01"))
                .body("headers.find { it.name == 'ce_streamversion' }.value", equalTo("2"));
        assertThat(dead.getInt("attempts")).isEqualTo(1);

        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + POISONED + "/readiness")
                .then().statusCode(200)
                .body("stale.deadLetters", equalTo(1)).body("stale.since", notNullValue())
                .body("forms[0].firstConfirmation.yes", equalTo(1)).body("forms[0].firstConfirmation.unanswered", equalTo(1));
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + HEALTHY + "/readiness")
                .then().statusCode(200).body("stale", nullValue());
    }

    @Test
    @Order(2)
    void every_report_of_the_facility_says_it_is_stale() throws Exception {
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + POISONED + "/inspection-form")
                .then().statusCode(200).body("stale.deadLetters", equalTo(1));
        given().auth().oauth2(keycloak().user("demo-admin"))
                .when().get("/api/reports/facilities/" + POISONED + "/assessments/" + ASSESSMENT + "/oscal")
                .then().statusCode(200)
                .body("'assessment-results'.metadata.props.find { it.name == 'stale-since' }.value", notNullValue())
                .body("'assessment-results'.metadata.remarks", containsString("stale"));
        byte[] pdf = given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025).queryParam("format", "pdf")
                .when().get("/api/reports/facilities/" + POISONED + "/inspection-form")
                .then().statusCode(200).extract().asByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("注意 (stale)");
        }
        byte[] xlsx = given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025).queryParam("format", "xlsx")
                .when().get("/api/reports/facilities/" + POISONED + "/inspection-form")
                .then().statusCode(200).extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("注意 stale");
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).contains("not reflected");
        }
    }

    @Test
    @Order(3)
    void unreadable_records_and_unknown_versions_are_dead_lettered_and_the_stream_goes_on() {
        List<JsonPath> foreign = pending(FOREIGN);
        assertThat(foreign).extracting(d -> d.getString("reason")).anySatisfy(r -> assertThat(r).contains("CloudEvents attributes"))
                .anySatisfy(r -> assertThat(r).contains("network-membership-granted.v7"));
        // version 3 came after the unknown version 2, and was projected
        assertThat(Projected.applied("facility-" + FOREIGN)).isEqualTo(3);
    }

    @Test
    @Order(4)
    void the_service_says_which_event_waits_and_counts_them() {
        given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'dead letters' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'dead letters' }.data.oldest", containsString("assessment-events"));
        given().when().get("/q/health/ready").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("anzen_projection_dead_letters(\\{[^}]*\\})? [1-9]")
                .contains("anzen_projection_dead_letters_recorded_total");
    }

    @Test
    @Order(5)
    void each_dead_letter_reaches_its_topic_once_with_the_reason_and_where_it_was_read() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String code : List.of(POISONED, FOREIGN, EARLY)) {
            pending(code).forEach(d -> ids.add(d.getString("id")));
        }
        Projected.until("the dead-letter topic", () -> dlq().stream().filter(r -> ids.contains(header(r, "dead-letter-id")))
                .count() >= ids.size());
        List<ConsumerRecord<String, String>> ours = dlq().stream().filter(r -> ids.contains(header(r, "dead-letter-id"))).toList();
        assertThat(ours).hasSize(ids.size());
        ConsumerRecord<String, String> poisoned = ours.stream().filter(r -> POISONED.equals(r.key())).findFirst().orElseThrow();
        assertThat(header(poisoned, "dead-letter-topic")).isEqualTo("assessment-events");
        assertThat(header(poisoned, "dead-letter-reason")).contains("IllegalArgumentException");
        assertThat(header(poisoned, "dead-letter-offset")).matches("[0-9]+");
        assertThat(header(poisoned, "ce_streamversion")).isEqualTo("2");
        assertThat(poisoned.value()).contains("-999999999-01-01");
    }

    @Test
    @Order(6)
    void a_replay_that_still_fails_stays_pending_with_the_attempt_counted() {
        String id = pending(POISONED).get(0).getString("id");
        given().auth().oauth2(keycloak().user("demo-admin")).when().post("/api/reports/admin/dead-letters/" + id + "/replay")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:replay-failed")).body("detail", containsString("stays pending"));
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/dead-letters/" + id)
                .then().statusCode(200).body("status", equalTo("pending")).body("attempts", equalTo(2));
    }

    @Test
    @Order(7)
    void a_replay_once_the_cause_is_fixed_applies_the_event_once() throws Exception {
        String id = pending(EARLY).get(0).getString("id");
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            registered(kafka, EARLY, "早着診療所");
        }
        Projected.until("the registration", () -> Projected.applied("facility-" + EARLY) >= 1);
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + EARLY + "/readiness")
                .then().statusCode(200).body("forms", hasSize(0)).body("stale.deadLetters", equalTo(1));
        given().auth().oauth2(keycloak().user("demo-admin")).when().post("/api/reports/admin/dead-letters/" + id + "/replay")
                .then().statusCode(200).body("status", equalTo("replayed")).body("resolvedBy", equalTo("demo-admin"));
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + EARLY + "/readiness")
                .then().statusCode(200).body("forms", hasSize(1)).body("forms[0].assessmentId", equalTo(EARLY_ASSESSMENT))
                .body("stale", nullValue());
        given().auth().oauth2(keycloak().user("demo-admin")).when().post("/api/reports/admin/dead-letters/" + id + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @Order(8)
    void a_rebuild_dead_letters_nothing_twice_and_keeps_what_was_replayed() {
        String poisoned = pending(POISONED).get(0).getString("id");
        String location = given().auth().oauth2(keycloak().user("demo-admin")).when().post("/api/reports/admin/rebuilds")
                .then().statusCode(202).extract().header("Location");
        try {
            Projected.until("the rebuild", () -> !"RUNNING".equals(given().auth().oauth2(keycloak().user("demo-admin"))
                    .when().get(location).then().extract().path("state")));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        given().auth().oauth2(keycloak().user("demo-admin")).when().get(location).then().body("state", equalTo("SWITCHED"));
        assertThat(pending(POISONED)).extracting(d -> d.getString("id")).containsExactly(poisoned);
        assertThat(pending(POISONED).get(0).getInt("attempts")).isEqualTo(3);
        assertThat(pending(EARLY)).isEmpty();
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + EARLY + "/readiness")
                .then().statusCode(200).body("forms", hasSize(1));
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + POISONED + "/readiness")
                .then().statusCode(200).body("forms[0].firstConfirmation.yes", equalTo(1)).body("stale.deadLetters", equalTo(1));
    }

    @Test
    @Order(9)
    void only_administrators_see_replay_or_dismiss_dead_letters() {
        String id = pending(POISONED).get(0).getString("id");
        for (String user : List.of("demo-ops", "demo-facility", "demo-network", "demo-inspector")) {
            given().auth().oauth2(keycloak().user(user)).when().get("/api/reports/admin/dead-letters").then().statusCode(403);
            given().auth().oauth2(keycloak().user(user)).when().post("/api/reports/admin/dead-letters/" + id + "/replay")
                    .then().statusCode(403);
            given().auth().oauth2(keycloak().user(user)).contentType("application/json").body("{\"note\":\"x\"}")
                    .when().post("/api/reports/admin/dead-letters/" + id + "/dismiss").then().statusCode(403);
        }
        given().when().get("/api/reports/admin/dead-letters").then().statusCode(401);
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/dead-letters/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(keycloak().user("demo-admin")).when().get("/api/reports/admin/dead-letters/not-an-id")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("page", "2147483647")
                .when().get("/api/reports/admin/dead-letters").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(keycloak().user("demo-admin")).contentType("application/json").body("{}")
                .when().post("/api/reports/admin/dead-letters/" + id + "/dismiss")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/note"));
    }

    @Test
    @Order(10)
    void a_dismissed_dead_letter_leaves_its_facility_no_longer_stale() {
        String id = pending(POISONED).get(0).getString("id");
        given().auth().oauth2(keycloak().user("demo-admin")).contentType("application/json")
                .body("{\"note\":\"the vendor sent the date again, corrected\"}")
                .when().post("/api/reports/admin/dead-letters/" + id + "/dismiss")
                .then().statusCode(200).body("status", equalTo("dismissed")).body("resolutionNote", containsString("corrected"));
        given().auth().oauth2(keycloak().user("demo-admin")).queryParam("fiscalYear", 2025)
                .when().get("/api/reports/facilities/" + POISONED + "/readiness").then().statusCode(200).body("stale", nullValue());
    }

    /**
     * Whatever happened above, the other tests find no pending dead letter (they check the service is well): this
     * test's, and those its rebuild found of earlier runs' events when the servers are reused.
     */
    @AfterAll
    static void dismissWhatThisTestMade() throws Exception {
        try (var c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
                var s = c.prepareStatement("UPDATE dead_letter SET status = 'dismissed', resolution_note = 'DeadLetterTest'"
                        + " WHERE status = 'pending'")) {
            s.executeUpdate();
        }
    }

    /** The pending dead letters whose record was keyed by this facility code. */
    static List<JsonPath> pending(String code) {
        JsonPath page = given().auth().oauth2(keycloak().user("demo-admin")).queryParam("status", "pending").queryParam("size", 500)
                .when().get("/api/reports/admin/dead-letters").then().statusCode(200).extract().jsonPath();
        List<JsonPath> ours = new ArrayList<>();
        List<Map<String, Object>> items = page.getList("items");
        for (int i = 0; i < items.size(); i++) {
            if (code.equals(page.getString("items[" + i + "].source.key"))) {
                ours.add(new JsonPath(page.prettify()).setRootPath("items[" + i + "]"));
            }
        }
        return ours;
    }

    private static List<ConsumerRecord<String, String>> dlq() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("assessment-events.dlq", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void registered(EventsOnKafka kafka, String code, String name) {
        kafka.assessmentEvent(code, "facility-" + code, 1, "facility-registered", T.minusDays(10), """
                {"code":"%s","name":"%s","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                .formatted(code, name));
    }

    private static String opened(String assessment, String code) {
        return """
                {"assessmentId":"%s","facilityCode":"%s","frameworkId":"dl-form","version":"2025","fiscalYear":2025}"""
                .formatted(assessment, code);
    }

    private static String answer(String assessment, String item, String value, String confirmedOn) {
        return """
                {"assessmentId":"%s","requirementId":"dl-form:2025:%s","round":1,"value":"%s","confirmedOn":"%s"}"""
                .formatted(assessment, item, value, confirmedOn);
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }
}
