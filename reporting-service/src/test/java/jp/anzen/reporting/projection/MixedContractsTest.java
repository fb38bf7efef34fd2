package jp.anzen.reporting.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * Events written before the event contract v2 stay readable. Given one hospital whose answers are on the topic as
 * both contracts wrote them, mixed (answer-recorded, one per answer, and answers-recorded, one per command), and a
 * second hospital with the same answers at the same times written only as answers-recorded: the live projection, its
 * rebuild and the inspection form are the same for both, at every moment of their history.
 */
@QuarkusTest
class MixedContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUN = java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 999_999);
    private static final String MIXED = "132" + RUN + "1";
    private static final String CURRENT = "132" + RUN + "2";
    private static final String MIXED_FORM = UUID.randomUUID().toString();
    private static final String CURRENT_FORM = UUID.randomUUID().toString();
    private static final OffsetDateTime T1 = OffsetDateTime.parse("2025-06-02T10:00:00+09:00");
    private static final OffsetDateTime T2 = T1.plusDays(30);
    private static final OffsetDateTime T3 = T1.plusDays(60);
    private static final List<String> MOMENTS = List.of("2025-06-01", "2025-06-15", "2025-07-15", "2025-09-01", "2026-03-31");

    @BeforeAll
    static void history() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished("mix-form", "2025", """
                    {"frameworkId":"mix-form","frameworkKind":"checklist","version":"2025","fiscalYear":2025,"titleJa":"令和7年度版",
                     "requirements":[
                      {"id":"mix-form:2025:1","kind":"item","position":0,"number":"1","textJa":"責任者","facilityKinds":[]},
                      {"id":"mix-form:2025:2","kind":"item","position":1,"number":"2","textJa":"台帳","facilityKinds":[]},
                      {"id":"mix-form:2025:3","kind":"item","position":2,"number":"3","textJa":"保守","facilityKinds":[]}]}""");
            for (String code : List.of(MIXED, CURRENT)) {
                kafka.assessmentEvent(code, "facility-" + code, 1, "facility-registered", T1.minusDays(10), """
                        {"code":"%s","name":"混在病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                        .formatted(code));
            }
            String mixed = "assessment-" + MIXED_FORM;
            kafka.assessmentEvent(MIXED, mixed, 1, "assessment-opened", T1.minusDays(1), opened(MIXED_FORM, MIXED));
            kafka.assessmentEvent(MIXED, mixed, 2, "answer-recorded", T1, old(MIXED_FORM, answer("1", 1, "yes", null)));
            kafka.assessmentEvent(MIXED, mixed, 3, "answer-recorded", T1, old(MIXED_FORM, answer("2", 1, "no", "2025-12-01")));
            kafka.assessmentEvent(MIXED, mixed, 4, "answers-recorded", T2, current(MIXED_FORM,
                    answer("1", 1, "no", "2026-01-31"), answer("3", 1, "not-applicable", null)));
            kafka.assessmentEvent(MIXED, mixed, 5, "answer-recorded", T3, old(MIXED_FORM, answer("2", 2, "yes", null)));
            kafka.assessmentEvent(MIXED, mixed, 6, "round-signed-off", T3.plusHours(1),
                    "{\"assessmentId\":\"" + MIXED_FORM + "\",\"round\":1}");

            String current = "assessment-" + CURRENT_FORM;
            kafka.assessmentEvent(CURRENT, current, 1, "assessment-opened", T1.minusDays(1), opened(CURRENT_FORM, CURRENT));
            kafka.assessmentEvent(CURRENT, current, 2, "answers-recorded", T1, current(CURRENT_FORM,
                    answer("1", 1, "yes", null), answer("2", 1, "no", "2025-12-01")));
            kafka.assessmentEvent(CURRENT, current, 3, "answers-recorded", T2, current(CURRENT_FORM,
                    answer("1", 1, "no", "2026-01-31"), answer("3", 1, "not-applicable", null)));
            kafka.assessmentEvent(CURRENT, current, 4, "answers-recorded", T3, current(CURRENT_FORM, answer("2", 2, "yes", null)));
            kafka.assessmentEvent(CURRENT, current, 5, "round-signed-off", T3.plusHours(1),
                    "{\"assessmentId\":\"" + CURRENT_FORM + "\",\"round\":1}");
        }
        Projected.until("both histories", () -> Projected.applied("assessment-" + MIXED_FORM) >= 6
                && Projected.applied("assessment-" + CURRENT_FORM) >= 5 && Projected.catalogue("mix-form", "2025"));
    }

    @Test
    void both_contracts_give_the_same_reports_live_and_after_a_rebuild() throws Exception {
        List<JsonNode> live = reports();
        String admin = keycloak().user("demo-admin");
        String location = given().auth().oauth2(admin).when().post("/api/reports/admin/rebuilds")
                .then().statusCode(202).extract().header("Location");
        Projected.until("the rebuild", () -> !"RUNNING".equals(given().auth().oauth2(admin).when().get(location)
                .then().extract().path("state")));
        given().auth().oauth2(admin).when().get(location).then().body("state", equalTo("SWITCHED"));
        assertThat(reports()).as("the rebuilt reports").isEqualTo(live);
    }

    /** Every report of both hospitals at each moment, checking the two alike; returns them for comparing later. */
    private static List<JsonNode> reports() throws Exception {
        String admin = keycloak().user("demo-admin");
        List<JsonNode> all = new java.util.ArrayList<>();
        for (String asOf : MOMENTS) {
            for (String report : List.of("inspection-form", "readiness")) {
                JsonNode mixed = comparable(given().auth().oauth2(admin).queryParam("fiscalYear", 2025).queryParam("asOf", asOf)
                        .when().get("/api/reports/facilities/" + MIXED + "/" + report).then().statusCode(200).extract().asString());
                JsonNode current = comparable(given().auth().oauth2(admin).queryParam("fiscalYear", 2025).queryParam("asOf", asOf)
                        .when().get("/api/reports/facilities/" + CURRENT + "/" + report).then().statusCode(200).extract().asString());
                assertThat(mixed).as(report + " as of " + asOf).isEqualTo(current);
                all.add(mixed);
            }
        }
        assertThat(all.get(MOMENTS.size() * 2 - 2).toString()).contains("\"no\"").contains("2026-01-31");
        return all;
    }

    /** The report without what tells the two hospitals apart. */
    private static JsonNode comparable(String body) throws Exception {
        JsonNode tree = JSON.readTree(body);
        ((ObjectNode) tree).remove(List.of("facilityCode", "name"));
        tree.path("forms").forEach(f -> ((ObjectNode) f).remove("assessmentId"));
        return tree;
    }

    private static String opened(String assessment, String code) {
        return "{\"assessmentId\":\"%s\",\"facilityCode\":\"%s\",\"frameworkId\":\"mix-form\",\"version\":\"2025\",\"fiscalYear\":2025}"
                .formatted(assessment, code);
    }

    private static String answer(String item, int round, String value, String targetDate) {
        return "{\"requirementId\":\"mix-form:2025:%s\",\"round\":%d,\"value\":\"%s\",\"confirmedOn\":\"2025-06-02\"%s}"
                .formatted(item, round, value, targetDate == null ? "" : ",\"targetDate\":\"" + targetDate + "\"");
    }

    /** The first contract: one answer, with its assessment. */
    private static String old(String assessment, String answer) {
        return "{\"assessmentId\":\"" + assessment + "\"," + answer.substring(1);
    }

    /** The event contract v2: the answers of one command. */
    private static String current(String assessment, String... answers) {
        return "{\"assessmentId\":\"" + assessment + "\",\"answers\":[" + String.join(",", answers) + "]}";
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }
}
