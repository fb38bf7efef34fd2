package jp.anzen.reporting.inspection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * Given answers to a published version and a later revision of it that changed one item, the answers stay attached
 * to the version they were given against, and the inspection form says that the item changed since, and why.
 */
@QuarkusTest
class RevisionTest {

    /** A Tokyo facility of this run only (reruns on reused servers must not meet an earlier run's forms). */
    private static final String CODE = "131" + String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
    private static final String FORM = "rv-form-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ASSESSMENT = UUID.randomUUID().toString();
    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2025-06-10T10:00:00+09:00");

    @BeforeAll
    static void history() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            for (String version : new String[] { "2025", "2025-r2" }) {
                kafka.catalogueVersionPublished(FORM, version, """
                        {"frameworkId":"%1$s","frameworkKind":"checklist","version":"%2$s","fiscalYear":2025,"titleJa":"令和7年度版",
                         %3$s"requirements":[
                          {"id":"%1$s:%2$s:1-1","kind":"item","position":0,"number":"1①","textJa":"責任者","facilityKinds":[]},
                          {"id":"%1$s:%2$s:2-1","kind":"item","position":1,"number":"2①","textJa":"台帳","facilityKinds":[]}]}"""
                        .formatted(FORM, version, version.equals("2025") ? ""
                                : "\"revisionOf\":\"2025\",\"revisionReason\":\"the final wording\","));
            }
            kafka.catalogueEvent("mapping-set-published", FORM, "edition:" + FORM + ":2025--" + FORM + ":2025-r2", """
                    {"id":"edition:%1$s:2025--%1$s:2025-r2","kind":"edition","fromFramework":"%1$s","fromVersion":"2025",
                     "toFramework":"%1$s","toVersion":"2025-r2","mappings":[
                      {"fromRequirement":"%1$s:2025:1-1","toRequirement":"%1$s:2025-r2:1-1","relation":"equivalent"},
                      {"fromRequirement":"%1$s:2025:2-1","toRequirement":"%1$s:2025-r2:2-1","relation":"changed",
                       "note":"the final text adds network devices"}]}""".formatted(FORM));
            kafka.assessmentEvent(CODE, "facility-" + CODE, 1, "facility-registered", JUNE.minusDays(30), """
                    {"code":"%s","name":"改訂病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                    .formatted(CODE));
            kafka.assessmentEvent(CODE, "assessment-" + ASSESSMENT, 1, "assessment-opened", JUNE.minusDays(1), """
                    {"assessmentId":"%s","facilityCode":"%s","frameworkId":"%s","version":"2025","fiscalYear":2025}"""
                    .formatted(ASSESSMENT, CODE, FORM));
            kafka.assessmentEvent(CODE, "assessment-" + ASSESSMENT, 2, "answer-recorded", JUNE, """
                    {"assessmentId":"%s","requirementId":"%s:2025:2-1","round":1,"value":"yes","confirmedOn":"2025-06-10"}"""
                    .formatted(ASSESSMENT, FORM));
        }
        Projected.until("the answer and both revisions", () -> Projected.applied("assessment-" + ASSESSMENT) >= 2
                && Projected.catalogue(FORM, "2025") && Projected.catalogue(FORM, "2025-r2"));
    }

    private static io.restassured.specification.RequestSpecification inspector() {
        Tokens keycloak = new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
        return given().auth().oauth2(keycloak.user("demo-inspector")).queryParam("fiscalYear", 2025)
                .queryParam("asOf", "2025-07-01");
    }

    @Test
    void the_answer_stays_with_its_revision_and_the_form_says_the_item_changed_since() throws Exception {
        String form = "forms.find { it.assessmentId == '" + ASSESSMENT + "' }";
        // the change may arrive after the version: wait for it rather than race it
        Projected.until("the revision's changes", () -> inspector().when().get("/api/reports/facilities/" + CODE
                + "/inspection-form").then().extract().path(form + ".items.find { it.number == '2①' }.changedSince") != null);
        inspector().when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200)
                .body(form + ".version", equalTo("2025"))
                .body(form + ".items.find { it.number == '2①' }.first.value", equalTo("yes"))
                .body(form + ".items.find { it.number == '2①' }.changedSince.version", contains("2025-r2"))
                .body(form + ".items.find { it.number == '2①' }.changedSince[0].note", equalTo("the final text adds network devices"))
                .body(form + ".items.find { it.number == '1①' }.changedSince", nullValue());
        byte[] pdf = inspector().queryParam("format", "pdf").when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).extract().asByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            Assertions.assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains("※ 改訂 2025-r2 で変更 (changed): the final text adds network devices");
        }
    }
}
