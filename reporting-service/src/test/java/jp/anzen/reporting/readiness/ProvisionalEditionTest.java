package jp.anzen.reporting.readiness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
 * Given a facility that answers a provisional edition (published before its official wording was seen) and a final
 * one, every report says which form is provisional and why: readiness, the inspection form as JSON, CSV, Excel and
 * PDF, and the OSCAL assessment results. A Tokyo facility, so that the demo inspector (prefecture 13) reads it.
 */
@QuarkusTest
class ProvisionalEditionTest {

    /** A Tokyo facility of this run only (reruns on reused servers must not meet an earlier run's forms). */
    private static final String CODE = "131" + String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
    private static final String PROVISIONAL = UUID.randomUUID().toString();
    private static final String FINAL = UUID.randomUUID().toString();
    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2026-06-10T10:00:00+09:00");
    /** Forms of this run only: a rerun on the same (reused) Kafka must not meet the versions of an earlier run. */
    private static final String FORM = "pv-checklist-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String VENDOR_FORM = "pv-vendor-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REASON = "暫定版: 令和8年度版の文言は未確認 / Provisional: FY2026 wording not seen";

    @BeforeAll
    static void history() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished(FORM, "2026", """
                    {"frameworkId":"%FORM%","frameworkKind":"checklist","version":"2026","fiscalYear":2026,
                     "titleJa":"令和8年度版","titleEn":"FY2026","provisional":true,"provisionalReason":"%s","requirements":[
                      {"id":"%FORM%:2026:1-1","kind":"item","position":0,"number":"1①","textJa":"責任者","facilityKinds":["hospital"]},
                      {"id":"%FORM%:2026:1-2","kind":"item","position":1,"number":"1②","textJa":"期限","facilityKinds":["hospital"],
                       "deadline":"2026-06-30"},
                      {"id":"%FORM%:2026:2-10","kind":"item","position":2,"number":"2⑩","textJa":"二要素認証","facilityKinds":["hospital"],
                       "goal":{"by":"2028-03-31","conditionJa":"導入・更新時","conditionEn":"when introduced or renewed"}}]}""".replace("%FORM%", FORM).replace("%VENDOR%", VENDOR_FORM)
                    .formatted(REASON));
            // a final edition, published before the provisional mark existed: no such fields at all
            kafka.catalogueVersionPublished(VENDOR_FORM, "2026", """
                    {"frameworkId":"%VENDOR%","frameworkKind":"checklist","version":"2026","fiscalYear":2026,
                     "titleJa":"事業者確認用","titleEn":"Vendor","requirements":[
                      {"id":"%VENDOR%:2026:1-1","kind":"item","position":0,"number":"1①","textJa":"責任者","facilityKinds":[]}]}""".replace("%FORM%", FORM).replace("%VENDOR%", VENDOR_FORM));
            kafka.assessmentEvent(CODE, "facility-" + CODE, 1, "facility-registered", JUNE.minusDays(30), """
                    {"code":"%s","name":"暫定病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                    .formatted(CODE));
            kafka.assessmentEvent(CODE, "assessment-" + PROVISIONAL, 1, "assessment-opened", JUNE.minusDays(1), """
                    {"assessmentId":"%s","facilityCode":"%s","frameworkId":"%FORM%","version":"2026","fiscalYear":2026}""".replace("%FORM%", FORM).replace("%VENDOR%", VENDOR_FORM)
                    .formatted(PROVISIONAL, CODE));
            kafka.assessmentEvent(CODE, "assessment-" + PROVISIONAL, 2, "answer-recorded", JUNE, """
                    {"assessmentId":"%s","requirementId":"%FORM%:2026:2-10","round":1,"value":"yes","confirmedOn":"2026-06-10"}""".replace("%FORM%", FORM).replace("%VENDOR%", VENDOR_FORM)
                    .formatted(PROVISIONAL));
            kafka.assessmentEvent(CODE, "assessment-" + FINAL, 1, "assessment-opened", JUNE.minusDays(1), """
                    {"assessmentId":"%s","facilityCode":"%s","frameworkId":"%VENDOR%","version":"2026","fiscalYear":2026}""".replace("%FORM%", FORM).replace("%VENDOR%", VENDOR_FORM)
                    .formatted(FINAL, CODE));
        }
        Projected.until("both forms", () -> Projected.applied("assessment-" + PROVISIONAL) >= 2
                && Projected.applied("assessment-" + FINAL) >= 1 && Projected.catalogue(FORM, "2026")
                && Projected.catalogue(VENDOR_FORM, "2026"));
    }

    private static io.restassured.specification.RequestSpecification inspector() {
        Tokens keycloak = new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
        return given().auth().oauth2(keycloak.user("demo-inspector")).queryParam("fiscalYear", 2026)
                .queryParam("asOf", "2026-07-01");
    }

    @Test
    void readiness_and_the_inspection_form_mark_the_provisional_form_and_only_it() {
        inspector().when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body("forms.find { it.frameworkId == '" + FORM + "' }.provisional.reason", equalTo(REASON))
                .body("forms.find { it.frameworkId == '" + FORM + "' }.provisional.label", equalTo("暫定版 (provisional edition)"))
                .body("forms.find { it.frameworkId == '" + VENDOR_FORM + "' }.provisional", nullValue());
        inspector().when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200)
                .body("forms.find { it.frameworkId == '" + FORM + "' }.provisional.reason", equalTo(REASON))
                .body("forms.find { it.frameworkId == '" + VENDOR_FORM + "' }.provisional", nullValue());
        inspector().queryParam("format", "csv").when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).body(containsString(FORM + " 2026 暫定版 (provisional edition)"));
    }

    @Test
    void readiness_shows_a_missed_deadline_apart_from_a_goal_which_is_never_overdue() {
        String form = "forms.find { it.frameworkId == '" + FORM + "' }";
        inspector().when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body(form + ".deadlines.number", org.hamcrest.Matchers.contains("1②"))
                .body(form + ".deadlines[0].date", equalTo("2026-06-30"))
                .body(form + ".deadlines[0].status", equalTo("missed"))
                .body(form + ".goals.number", org.hamcrest.Matchers.contains("2⑩"))
                .body(form + ".goals[0].date", equalTo("2028-03-31"))
                .body(form + ".goals[0].conditionEn", equalTo("when introduced or renewed"))
                .body(form + ".goals[0].status", equalTo("reached"))
                .body(form + ".overdue", equalTo(0));
        // before the deadline, it is open
        given().auth().oauth2(new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class))
                .user("demo-inspector")).queryParam("fiscalYear", 2026).queryParam("asOf", "2026-06-20")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200).body(form + ".deadlines[0].status", equalTo("open"))
                .body(form + ".goals[0].status", equalTo("reached"));
    }

    @Test
    void the_workbook_opens_on_a_provisional_sheet_and_the_pdf_says_it_under_the_forms_title() throws Exception {
        byte[] xlsx = inspector().queryParam("format", "xlsx").when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var first = workbook.getSheetAt(0);
            Assertions.assertThat(first.getSheetName()).isEqualTo("注意 暫定版 provisional");
            Assertions.assertThat(first.getRow(1).getCell(0).getStringCellValue()).isEqualTo(FORM + " 2026");
            Assertions.assertThat(first.getRow(1).getCell(2).getStringCellValue()).isEqualTo(REASON);
            Assertions.assertThat(first.getLastRowNum()).isEqualTo(1);
        }
        byte[] pdf = inspector().queryParam("format", "pdf").when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).extract().asByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            Assertions.assertThat(text).contains("医療機関・薬局におけるサイバーセキュリティ対策チェックリスト 令和8年度",
                    "【暫定版 (provisional edition)】", "令和8年度版の文言は未確認");
        }
    }

    @Test
    void the_oscal_results_of_the_provisional_form_say_so_in_a_prop_and_the_remarks() {
        inspector().when().get("/api/reports/facilities/" + CODE + "/assessments/" + PROVISIONAL + "/oscal")
                .then().statusCode(200)
                .body("'assessment-results'.metadata.props.find { it.name == 'provisional-edition' }.value", equalTo("true"))
                .body("'assessment-results'.metadata.remarks", containsString(REASON));
        inspector().when().get("/api/reports/facilities/" + CODE + "/assessments/" + FINAL + "/oscal")
                .then().statusCode(200)
                .body("'assessment-results'.metadata.props.find { it.name == 'provisional-edition' }", nullValue());
    }
}
