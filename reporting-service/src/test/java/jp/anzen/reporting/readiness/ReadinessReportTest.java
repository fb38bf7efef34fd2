package jp.anzen.reporting.readiness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * Given a facility whose first-round answers changed over time, the readiness report shows each moment
 * as it was. The demo facility 1310000001 (Tokyo) is used because the demo users' tokens name it.
 */
@QuarkusTest
class ReadinessReportTest {

    private static final String CODE = "1310000001";
    private static final String ASSESSMENT = UUID.randomUUID().toString();
    private static final String STREAM = "assessment-" + ASSESSMENT;
    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2025-06-10T10:00:00+09:00");
    private static final OffsetDateTime AUGUST = OffsetDateTime.parse("2025-08-01T10:00:00+09:00");
    private static String duplicateId;

    @BeforeAll
    static void history() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished("rt-checklist", "2025", """
                    {"frameworkId":"rt-checklist","frameworkKind":"checklist","version":"2025","fiscalYear":2025,
                     "titleJa":"令和7年度版","titleEn":"FY2025","requirements":[
                      {"id":"rt-checklist:2025:1","kind":"group","position":0,"number":"1","textJa":"体制構築","facilityKinds":[]},
                      {"id":"rt-checklist:2025:1-1","kind":"item","position":1,"number":"1①","textJa":"責任者","facilityKinds":["hospital"]},
                      {"id":"rt-checklist:2025:2-1","kind":"item","position":2,"number":"2①","textJa":"台帳","facilityKinds":["hospital"]},
                      {"id":"rt-checklist:2025:2-2","kind":"item","position":3,"number":"2②","textJa":"保守","facilityKinds":["hospital"]},
                      {"id":"rt-checklist:2025:9-1","kind":"item","position":4,"number":"9①","textJa":"薬局","facilityKinds":["pharmacy"]}]}""");
            kafka.assessmentEvent(CODE, "facility-" + CODE, 1, "facility-registered", JUNE.minusDays(30), """
                    {"code":"1310000001","name":"デモ病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}""");
            kafka.catalogueEvent("service-profile-published", "rt-checklist", "service-profile/rt-cloud/1", """
                    {"id":"rt-cloud","version":"1","provider":"クラウド事業者","service":"電子カルテ","example":false,
                     "frameworkId":"rt-checklist","frameworkVersion":"2025","entries":[
                      {"requirementId":"rt-checklist:2025:2-1","responsibility":"provider"},
                      {"requirementId":"rt-checklist:2025:2-2","responsibility":"shared","note":"patches"}]}""");
            kafka.assessmentEvent(CODE, "facility-" + CODE, 2, "services-declared", JUNE.minusDays(2), """
                    {"facilityCode":"1310000001","services":[{"profileId":"rt-cloud","version":"1"}]}""");
            kafka.assessmentEvent(CODE, "facility-" + CODE, 3, "services-declared", AUGUST.plusDays(5), """
                    {"facilityCode":"1310000001","services":[]}""");
            kafka.assessmentEvent(CODE, STREAM, 1, "assessment-opened", JUNE.minusDays(1), """
                    {"assessmentId":"%s","facilityCode":"1310000001","frameworkId":"rt-checklist","version":"2025","fiscalYear":2025}"""
                    .formatted(ASSESSMENT));
            kafka.assessmentEvent(CODE, STREAM, 2, "answer-recorded", JUNE, answer("1-1", "yes", null));
            duplicateId = kafka.assessmentEvent(CODE, STREAM, 3, "answer-recorded", JUNE, answer("2-1", "no", "2025-07-01"));
            kafka.assessmentEvent(CODE, STREAM, 4, "answer-recorded", AUGUST, answer("1-1", "no", "2026-03-01"));
        }
        awaitApplied(STREAM, 4);
        Projected.until("the services declared", () -> Projected.applied("facility-" + CODE) >= 3);
    }

    private static String answer(String item, String value, String targetDate) {
        return """
                {"assessmentId":"%s","requirementId":"rt-checklist:2025:%s","round":1,"value":"%s","confirmedOn":"2025-06-10"%s}"""
                .formatted(ASSESSMENT, item, value, targetDate == null ? "" : ",\"targetDate\":\"" + targetDate + "\"");
    }

    private static void awaitApplied(String streamId, int version) throws InterruptedException {
        // the form's items come over the other topic: counts need both
        Projected.until(streamId + " v" + version,
                () -> Projected.applied(streamId) >= version && Projected.catalogue("rt-checklist", "2025"));
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }

    private static String assessmentForm() {
        return "forms.find { it.assessmentId == '" + ASSESSMENT + "' }";
    }

    @Test
    void as_of_june_one_yes_one_no_not_yet_overdue() {
        given().auth().oauth2(keycloak().user("demo-facility"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-06-20")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body(assessmentForm() + ".titleJa", equalTo("令和7年度版"))
                .body(assessmentForm() + ".itemsExpected", equalTo(3))
                .body(assessmentForm() + ".firstConfirmation.yes", equalTo(1))
                .body(assessmentForm() + ".firstConfirmation.no", equalTo(1))
                .body(assessmentForm() + ".firstConfirmation.unanswered", equalTo(1))
                .body(assessmentForm() + ".overdue", equalTo(0));
    }

    @Test
    void as_of_august_the_changed_answer_shows_and_the_july_target_is_overdue() {
        given().auth().oauth2(keycloak().user("demo-facility"))
                .queryParam("asOf", "2025-08-02T00:00:00+09:00")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body(assessmentForm() + ".firstConfirmation.yes", equalTo(0))
                .body(assessmentForm() + ".firstConfirmation.no", equalTo(2))
                .body(assessmentForm() + ".overdue", equalTo(1));
    }

    @Test
    void before_the_assessment_was_opened_there_is_no_form() {
        given().auth().oauth2(keycloak().user("demo-facility"))
                .queryParam("asOf", "2025-06-01")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200).body("forms.findAll { it.assessmentId == '" + ASSESSMENT + "' }", hasSize(0));
    }

    @Test
    void a_redelivered_event_changes_nothing() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.assessmentEvent(duplicateId, CODE, STREAM, 3, "answer-recorded", JUNE, answer("2-1", "no", "2025-07-01"));
            // a marker after it on the same partition: once it is applied, the duplicate has been seen
            kafka.assessmentEvent(CODE, "facility-" + CODE, 2, "services-declared", AUGUST, "{}");
        }
        awaitApplied("facility-" + CODE, 2);
        given().auth().oauth2(keycloak().user("demo-facility"))
                .queryParam("asOf", "2025-08-02")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body(assessmentForm() + ".firstConfirmation.no", equalTo(2))
                .body(assessmentForm() + ".overdue", equalTo(1));
    }

    @Test
    void inspectors_read_their_prefecture_only_and_other_facilities_see_nothing() {
        given().auth().oauth2(keycloak().user("demo-inspector"))
                .when().get("/api/reports/facilities/" + CODE + "/readiness").then().statusCode(200);
        String password = ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_ADMIN_PASSWORD, String.class);
        keycloak().createUser(password, "inspector-osaka", "inspector", Map.of("prefecture", List.of("27")));
        given().auth().oauth2(keycloak().user("inspector-osaka"))
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(404).contentType("application/problem+json");
        keycloak().createUser(password, "manager-elsewhere", "facility-manager", Map.of("facility_codes", List.of("2710000011")));
        given().auth().oauth2(keycloak().user("manager-elsewhere"))
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-network"))
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-ops"))
                .when().get("/api/reports/facilities/" + CODE + "/readiness").then().statusCode(200);
    }

    @Test
    void what_the_declared_services_cover_is_shown_apart_from_the_answers_while_declared() {
        given().auth().oauth2(keycloak().user("demo-facility")).queryParam("asOf", "2025-08-02")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body(assessmentForm() + ".inherited.requirementId", contains("rt-checklist:2025:2-1", "rt-checklist:2025:2-2"))
                .body(assessmentForm() + ".inherited.responsibility", contains("provider", "shared"))
                .body(assessmentForm() + ".inherited[0].number", equalTo("2①"))
                .body(assessmentForm() + ".inherited[0].provider", equalTo("クラウド事業者"))
                // inherited coverage is never counted as an answer
                .body(assessmentForm() + ".firstConfirmation.unanswered", equalTo(1));
        given().auth().oauth2(keycloak().user("demo-facility")).queryParam("asOf", "2025-08-10")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200).body(assessmentForm() + ".inherited", hasSize(0));
    }

    @Test
    void the_inspection_form_lists_every_item_with_its_confirmation_as_of_a_date() {
        given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-02")
                .when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200)
                .body("forms.find { it.assessmentId == '" + ASSESSMENT + "' }.items.number", contains("1①", "2①", "2②"))
                .body("forms.find { it.assessmentId == '" + ASSESSMENT + "' }.items[0].first.value", equalTo("no"))
                .body("forms.find { it.assessmentId == '" + ASSESSMENT + "' }.items[0].first.targetDate", equalTo("2026-03-01"))
                .body("forms.find { it.assessmentId == '" + ASSESSMENT + "' }.items[2].first", equalTo(null));
        String csv = given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-06-20").queryParam("format", "csv")
                .when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv).startsWith("\uFEFFform,vendorId,number,textJa,target,firstValue")
                .contains("\"rt-checklist 2025\",,1①,責任者,,yes,2025-06-10");
        given().auth().oauth2(keycloak().user("demo-facility")).queryParam("format", "docx")
                .when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(400).body("errors[0].pointer", equalTo("format"))
                .body("errors[0].detail", org.hamcrest.Matchers.containsString("xlsx"));
        given().auth().oauth2(keycloak().user("demo-network"))
                .when().get("/api/reports/facilities/" + CODE + "/inspection-form").then().statusCode(404);
    }

    @Test
    void the_inspection_form_opens_in_excel_and_as_a_pdf_with_the_japanese_text() throws Exception {
        byte[] xlsx = given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-02").queryParam("format", "xlsx")
                .when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).contentType(jp.anzen.reporting.export.Spreadsheet.MEDIA_TYPE)
                .header("Content-Disposition", equalTo("attachment; filename=\"anzen-inspection-" + CODE + "-FY2025.xlsx\""))
                .extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheet("1 rt-checklist");
            org.assertj.core.api.Assertions.assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("textJa");
            org.assertj.core.api.Assertions.assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("1①");
            org.assertj.core.api.Assertions.assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("責任者");
            org.assertj.core.api.Assertions.assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("no");
            org.assertj.core.api.Assertions.assertThat(sheet.getRow(1).getCell(7).getStringCellValue()).isEqualTo("2026-03-01");
            org.assertj.core.api.Assertions.assertThat(sheet.getLastRowNum()).isEqualTo(3);
        }
        byte[] pdf = given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-02").queryParam("format", "pdf")
                .when().get("/api/reports/facilities/" + CODE + "/inspection-form")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            org.assertj.core.api.Assertions.assertThat(text).contains("令和7年度", "デモ病院", "1①", "責任者", "台帳",
                    "いいえ 2025-06-10 (目標 2026-03-01)", "未回答");
            var font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            org.assertj.core.api.Assertions.assertThat(font.isEmbedded()).isTrue();
            org.assertj.core.api.Assertions.assertThat(font.getName()).contains("NotoSansJP");
        }
    }

    @Test
    void bad_parameters_and_missing_tokens_are_problems() {
        given().auth().oauth2(keycloak().user("demo-facility")).queryParam("asOf", "last tuesday")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("asOf"));
        given().auth().oauth2(keycloak().user("demo-facility")).queryParam("fiscalYear", "twenty")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(400).body("errors[0].pointer", equalTo("fiscalYear"));
        given().when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
