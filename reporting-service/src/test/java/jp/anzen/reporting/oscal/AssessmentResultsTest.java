package jp.anzen.reporting.oscal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;
import jp.anzen.servers.test.OscalValidation;

/**
 * Given a Tokyo hospital that answered yes (with evidence that expires), no (with a target date), not applicable,
 * and left one item open, its assessment exports as OSCAL assessment results that NIST's library accepts.
 */
@QuarkusTest
class AssessmentResultsTest {

    private static final String CODE = "1310000077";
    private static final String ASSESSMENT = UUID.randomUUID().toString();
    private static final String STREAM = "assessment-" + ASSESSMENT;
    private static final OffsetDateTime JULY = OffsetDateTime.parse("2025-07-01T09:00:00+09:00");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void answered() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished("oa-checklist", "2025", """
                    {"frameworkId":"oa-checklist","frameworkKind":"checklist","version":"2025","fiscalYear":2025,
                     "titleJa":"令和7年度版","requirements":[
                      {"id":"oa-checklist:2025:1-1","kind":"item","position":1,"number":"1①","textJa":"責任者の設置","facilityKinds":[]},
                      {"id":"oa-checklist:2025:1-2","kind":"item","position":2,"number":"1②","textJa":"台帳の整備","facilityKinds":[]},
                      {"id":"oa-checklist:2025:2-1","kind":"item","position":3,"number":"2①","textJa":"リモート保守","facilityKinds":[]},
                      {"id":"oa-checklist:2025:2-2","kind":"item","position":4,"number":"2②","textJa":"バックアップ","facilityKinds":[]}]}""");
            kafka.assessmentEvent(CODE, "facility-" + CODE, 1, "facility-registered", JULY.minusDays(30), """
                    {"code":"%s","name":"評価病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                    .formatted(CODE));
            kafka.assessmentEvent(CODE, STREAM, 1, "assessment-opened", JULY.minusDays(1), """
                    {"assessmentId":"%s","facilityCode":"%s","frameworkId":"oa-checklist","version":"2025","fiscalYear":2025}"""
                    .formatted(ASSESSMENT, CODE));
            kafka.assessmentEvent(CODE, STREAM, 2, "answer-recorded", JULY, answer("1-1", "yes", null, """
                    ,"evidence":[{"uri":"https://docs.example.invalid/policy.pdf","sha256":"%s","expiresOn":"2026-03-31"}]"""
                    .formatted("a".repeat(64))));
            kafka.assessmentEvent(CODE, STREAM, 3, "answer-recorded", JULY, answer("1-2", "no", "2026-01-31", ""));
            kafka.assessmentEvent(CODE, STREAM, 4, "answer-recorded", JULY, answer("2-1", "not-applicable", null, ""));
        }
        Projected.until(STREAM + " v4", () -> Projected.applied(STREAM) >= 4 && Projected.catalogue("oa-checklist", "2025"));
    }

    private static String answer(String item, String value, String targetDate, String more) {
        return """
                {"assessmentId":"%s","requirementId":"oa-checklist:2025:%s","round":1,"value":"%s","confirmedOn":"2025-07-01"%s%s}"""
                .formatted(ASSESSMENT, item, value, targetDate == null ? "" : ",\"targetDate\":\"" + targetDate + "\"", more);
    }

    private static String path() {
        return "/api/reports/facilities/" + CODE + "/assessments/" + ASSESSMENT + "/oscal";
    }

    @Test
    void a_finding_per_item_observations_with_evidence_and_expiry_valid_for_the_oscal_library() throws Exception {
        String body = given().auth().oauth2(keycloak().user("demo-inspector")).queryParam("asOf", "2025-08-01")
                .when().get(path()).then().statusCode(200).extract().asString();
        Path file = Files.createTempFile("assessment-results", ".json");
        try {
            Files.writeString(file, body);
            assertThat(OscalValidation.ASSESSMENT_RESULTS.problems(file)).isEmpty();
        } finally {
            Files.delete(file);
        }
        JsonNode result = JSON.readTree(body).at("/assessment-results/results/0");
        assertThat(result.at("/findings")).hasSize(3);
        assertThat(state(result, "r-1-1")).isEqualTo("satisfied");
        assertThat(state(result, "r-1-2")).isEqualTo("not-satisfied");
        assertThat(state(result, "r-2-2")).isEqualTo("not-satisfied");
        assertThat(result.at("/reviewed-controls/control-selections/0/exclude-controls/0/control-id").asText()).isEqualTo("r-2-1");
        JsonNode evidenced = result.at("/observations").findParent("relevant-evidence");
        assertThat(evidenced.at("/relevant-evidence/0/href").asText()).isEqualTo("https://docs.example.invalid/policy.pdf");
        assertThat(evidenced.at("/expires").asText()).isEqualTo("2026-03-30T15:00:00Z");
        assertThat(evidenced.at("/methods/0").asText()).isEqualTo("EXAMINE");
    }

    @Test
    void before_the_answers_every_item_is_open() throws Exception {
        JsonNode result = JSON.readTree(given().auth().oauth2(keycloak().user("demo-ops")).queryParam("asOf", "2025-06-30T12:00:00+09:00")
                .when().get(path()).then().statusCode(200).extract().asString()).at("/assessment-results/results/0");
        assertThat(result.at("/findings")).hasSize(4);
        assertThat(result.at("/findings").findValuesAsText("state")).containsOnly("not-satisfied");
        assertThat(result.has("observations")).isFalse();
    }

    @Test
    void other_facilities_networks_and_unknown_assessments_get_not_found() {
        given().auth().oauth2(keycloak().user("demo-facility")).when().get(path()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(keycloak().user("demo-network")).when().get(path()).then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-inspector"))
                .when().get("/api/reports/facilities/" + CODE + "/assessments/" + UUID.randomUUID() + "/oscal")
                .then().statusCode(404);
        given().when().get(path()).then().statusCode(401);
    }

    private static String state(JsonNode result, String controlId) {
        for (JsonNode finding : result.at("/findings")) {
            if (finding.at("/target/target-id").asText().equals(controlId)) {
                return finding.at("/target/status/state").asText();
            }
        }
        return null;
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }
}
