package jp.anzen.reporting.summary;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
 * Given three members of net-demo in Tokyo (one answered two items, one answered none, one without a
 * medical information system) and a non-member: the network and prefecture summaries.
 */
@QuarkusTest
class SummaryReportTest {

    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2025-06-10T10:00:00+09:00");
    private static final String ANSWERED = "1310000035";
    private static final String SILENT = "1310000043";
    private static final String NO_SYSTEM = "1310000051";
    private static final String OUTSIDER = "1310000060";
    private static String answeredAssessment;

    @BeforeAll
    static void members() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished("sum-form", "2025", """
                    {"frameworkId":"sum-form","frameworkKind":"checklist","version":"2025","fiscalYear":2025,"titleJa":"集計様式",
                     "requirements":[
                      {"id":"sum-form:2025:1","kind":"item","position":1,"number":"1①","textJa":"責任者","facilityKinds":["hospital"]},
                      {"id":"sum-form:2025:2","kind":"item","position":2,"number":"2①","textJa":"台帳","facilityKinds":["hospital"]},
                      {"id":"sum-form:2025:0","kind":"pre-question","position":0,"textJa":"有無","facilityKinds":["hospital"]}]}""");
            for (String code : List.of(ANSWERED, SILENT, NO_SYSTEM, OUTSIDER)) {
                String facility = "facility-" + code;
                kafka.assessmentEvent(code, facility, 1, "facility-registered", JUNE.minusDays(10), """
                        {"code":"%s","name":"集計病院%s","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":%s}"""
                        .formatted(code, code.substring(8), !code.equals(NO_SYSTEM)));
                if (!code.equals(OUTSIDER)) {
                    kafka.assessmentEvent(code, facility, 2, "network-membership-granted", JUNE.minusDays(10), """
                            {"facilityCode":"%s","networkId":"net-demo"}""".formatted(code));
                }
                String assessment = UUID.randomUUID().toString();
                kafka.assessmentEvent(code, "assessment-" + assessment, 1, "assessment-opened", JUNE.minusDays(5), """
                        {"assessmentId":"%s","facilityCode":"%s","frameworkId":"sum-form","version":"2025","fiscalYear":2025}"""
                        .formatted(assessment, code));
                if (code.equals(ANSWERED)) {
                    answeredAssessment = assessment;
                    kafka.assessmentEvent(code, "assessment-" + assessment, 2, "answer-recorded", JUNE, """
                            {"assessmentId":"%s","requirementId":"sum-form:2025:1","round":1,"value":"yes","confirmedOn":"2025-06-10"}"""
                            .formatted(assessment));
                    kafka.assessmentEvent(code, "assessment-" + assessment, 3, "answer-recorded", JUNE, """
                            {"assessmentId":"%s","requirementId":"sum-form:2025:2","round":1,"value":"no","confirmedOn":"2025-06-10",
                             "targetDate":"2025-07-01"}""".formatted(assessment));
                }
            }
        }
        for (String code : List.of(ANSWERED, SILENT, NO_SYSTEM, OUTSIDER)) {
            int version = code.equals(OUTSIDER) ? 1 : 2;
            Projected.until("facility-" + code, () -> Projected.applied("facility-" + code) >= version);
        }
        String answers = "assessment-" + answeredAssessment;
        Projected.until("the answers", () -> Projected.applied(answers) >= 3 && Projected.catalogue("sum-form", "2025"));
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }

    private static String line(String code) {
        return "perFacility.find { it.code == '" + code + "' }";
    }

    @Test
    void the_network_sees_each_member_the_items_answered_no_and_what_is_overdue() {
        given().auth().oauth2(keycloak().user("demo-network"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-01")
                .when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(200)
                .body("perFacility.code", containsInAnyOrder(ANSWERED, SILENT, NO_SYSTEM))
                .body(line(ANSWERED) + ".yes", equalTo(1)).body(line(ANSWERED) + ".no", equalTo(1))
                .body(line(ANSWERED) + ".completion", equalTo(1.0f)).body(line(ANSWERED) + ".overdue", equalTo(1))
                .body(line(SILENT) + ".unanswered", equalTo(2)).body(line(SILENT) + ".completion", equalTo(0.0f))
                .body(line(NO_SYSTEM) + ".itemsExpected", equalTo(0))
                .body("perItem.find { it.requirementId == 'sum-form:2025:2' }.answeredNo", equalTo(1))
                .body("perItem.find { it.requirementId == 'sum-form:2025:2' }.shareNo", equalTo(0.333f))
                .body("overdue.facilityCode", contains(ANSWERED))
                .body("overdue[0].number", equalTo("2①"));
    }

    @Test
    void the_network_summary_exports_as_csv_for_excel() {
        String csv = given().auth().oauth2(keycloak().user("demo-network"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-01").queryParam("format", "csv")
                .when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv).startsWith("\uFEFFcode,name,kind,assessmentId,itemsExpected")
                .contains(ANSWERED + ",集計病院35,hospital");
    }

    @Test
    void the_prefecture_summary_exports_as_an_excel_workbook_with_a_sheet_per_part() throws Exception {
        byte[] xlsx = given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-01").queryParam("format", "xlsx")
                .when().get("/api/reports/prefectures/13/summary")
                .then().statusCode(200).contentType(jp.anzen.reporting.export.Spreadsheet.MEDIA_TYPE)
                .extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            org.assertj.core.api.Assertions.assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("facilities");
            var facilities = workbook.getSheet("facilities");
            java.util.Map<String, org.apache.poi.ss.usermodel.Row> byCode = new java.util.HashMap<>();
            for (int r = 1; r <= facilities.getLastRowNum(); r++) {
                byCode.put(facilities.getRow(r).getCell(0).getStringCellValue(), facilities.getRow(r));
            }
            org.assertj.core.api.Assertions.assertThat(byCode).containsKeys(ANSWERED, SILENT, NO_SYSTEM, OUTSIDER);
            org.assertj.core.api.Assertions.assertThat(byCode.get(ANSWERED).getCell(1).getStringCellValue()).isEqualTo("集計病院35");
            // numbers stay numbers, so that Excel can sum them
            org.assertj.core.api.Assertions.assertThat(byCode.get(ANSWERED).getCell(6).getNumericCellValue()).isEqualTo(1.0);
            org.assertj.core.api.Assertions.assertThat(workbook.getSheet("items").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("requirementId");
            org.assertj.core.api.Assertions.assertThat(workbook.getSheet("overdue")).isNotNull();
        }
    }

    @Test
    void a_long_export_runs_in_the_background_its_owner_follows_it_and_downloads_it() throws Exception {
        String location = given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-01")
                .when().post("/api/reports/prefectures/13/summary/exports")
                .then().statusCode(202).body("state", equalTo("RUNNING")).extract().header("Location");
        Projected.until("the export", () -> !"RUNNING".equals(given().auth()
                .oauth2(keycloak().user("demo-inspector")).when().get(location).then().extract().path("state")));
        var progress = given().auth().oauth2(keycloak().user("demo-inspector")).when().get(location)
                .then().statusCode(200).body("state", equalTo("DONE")).body("percent", equalTo(100))
                .body("filename", equalTo("anzen-prefecture-13-FY2025.xlsx")).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(progress.getLong("rowsWritten")).isEqualTo(progress.getLong("rowsTotal"))
                .isGreaterThanOrEqualTo(4);
        byte[] xlsx = given().auth().oauth2(keycloak().user("demo-inspector")).when().get(progress.getString("content"))
                .then().statusCode(200).contentType(jp.anzen.reporting.export.Spreadsheet.MEDIA_TYPE).extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            org.assertj.core.api.Assertions.assertThat(workbook.getSheet("facilities").getLastRowNum()).isGreaterThanOrEqualTo(4);
        }
        // someone else's export does not exist for them; exports of what one may not read are not started
        given().auth().oauth2(keycloak().user("demo-ops")).when().get(location).then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-inspector")).when().post("/api/reports/prefectures/27/summary/exports")
                .then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-inspector")).queryParam("asOf", "soon")
                .when().post("/api/reports/prefectures/13/summary/exports")
                .then().statusCode(400).body("errors[0].pointer", equalTo("asOf"));
    }

    @Test
    void inspectors_see_their_prefecture_and_who_has_not_confirmed_yet() {
        given().auth().oauth2(keycloak().user("demo-inspector"))
                .queryParam("fiscalYear", 2025).queryParam("asOf", "2025-08-01")
                .when().get("/api/reports/prefectures/13/summary")
                .then().statusCode(200)
                .body("perFacility.code", org.hamcrest.Matchers.hasItems(ANSWERED, SILENT, NO_SYSTEM, OUTSIDER))
                .body("withoutFirstConfirmation", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }

    @Test
    void coverage_counts_the_answers_to_one_requirement_by_kind_and_prefecture() {
        given().auth().oauth2(keycloak().user("demo-ops")).queryParam("asOf", "2025-08-01")
                .when().get("/api/reports/requirements/sum-form:2025:2/coverage")
                .then().statusCode(200)
                .body("total.no", equalTo(1)).body("byKind.find { it.key == 'hospital' }.no", equalTo(1))
                .body("byPrefecture.find { it.key == '13' }.no", equalTo(1));
        given().auth().oauth2(keycloak().user("demo-inspector")).when().get("/api/reports/requirements/sum-form:2025:2/coverage")
                .then().statusCode(200).body("prefecture", equalTo("13"));
        given().auth().oauth2(keycloak().user("demo-facility")).when().get("/api/reports/requirements/sum-form:2025:2/coverage")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void summaries_are_refused_to_those_outside_them() {
        String password = ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_ADMIN_PASSWORD, String.class);
        keycloak().createUser(password, "operator-other-net", "network-operator", Map.of("network_ids", List.of("net-other")));
        given().auth().oauth2(keycloak().user("operator-other-net")).when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(keycloak().user("demo-facility")).when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-inspector")).when().get("/api/reports/prefectures/27/summary")
                .then().statusCode(404);
        given().auth().oauth2(keycloak().user("demo-network")).queryParam("format", "pdf")
                .when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(400).body("errors[0].pointer", equalTo("format"));
        given().auth().oauth2(keycloak().user("operator-other-net")).queryParam("format", "xlsx")
                .when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(keycloak().user("demo-network")).queryParam("format", "pdf")
                .when().get("/api/reports/networks/net-demo/summary")
                .then().statusCode(400).body("errors[0].pointer", equalTo("format"));
    }
}
