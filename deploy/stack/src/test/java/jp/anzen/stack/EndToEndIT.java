package jp.anzen.stack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.keycloak.Tokens;

/**
 * The first path through all four services on the real servers: a facility manager's answer goes in
 * through the gateway, is stored as an event in PostgreSQL, travels over Kafka, is projected, and comes
 * back out in the readiness report, read through the gateway with a real token.
 */
class EndToEndIT {

    private static final String FACILITY = "1310000001";
    private static final String FORM = "mhlw-checklist-institution";
    private static Stack stack;
    private static Tokens tokens;

    @BeforeAll
    static void start() {
        long began = System.nanoTime();
        stack = Stack.start(ProjectLayout.locate(), Path.of("target", "e2e").toAbsolutePath(), Stack.Ports.free(), false);
        System.out.printf("E2E stack (3 servers, 4 services) ready in %.1f s%n", (System.nanoTime() - began) / 1e9);
        tokens = new Tokens(stack.servers().keycloak().baseUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void an_answer_recorded_through_the_gateway_shows_in_the_report() {
        String manager = tokens.user("demo-facility");

        given().auth().oauth2(manager).when().get(stack.gatewayUrl() + "/api/catalogue/frameworks")
                .then().statusCode(200).body("id", hasItem(FORM));

        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"code\":\"" + FACILITY + "\",\"name\":\"安全病院\",\"kind\":\"hospital\",\"prefecture\":\"13\","
                        + "\"beds\":200,\"hasMedicalInformationSystem\":true}")
                .when().post(stack.gatewayUrl() + "/api/facilities")
                .then().statusCode(201);

        // the assessment service learns of the published form over catalogue-events
        Response opened = Eventually.answers(Duration.ofSeconds(60), () -> given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"" + FORM + "\",\"version\":\"2025\",\"fiscalYear\":2025}")
                .when().post(stack.gatewayUrl() + "/api/facilities/" + FACILITY + "/assessments"), 201);
        String assessment = opened.path("id");

        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"answers\":["
                        + "{\"requirementId\":\"" + FORM + ":2025:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-06-02\"},"
                        + "{\"requirementId\":\"" + FORM + ":2025:2-7\",\"round\":1,\"value\":\"no\",\"confirmedOn\":\"2025-06-02\","
                        + "\"targetDate\":\"2026-01-31\"}]}")
                .when().put(stack.gatewayUrl() + "/api/facilities/" + FACILITY + "/assessments/" + assessment + "/answers")
                .then().statusCode(200).body("streamVersion", equalTo(2)); // one answers-recorded for the batch

        String form = "forms.find { it.assessmentId == '" + assessment + "' }";
        // wait for both answers: the events of one write can reach the projection in two Kafka polls, and so become
        // visible one after the other (it happened once in CI: "yes" was there, "no" a moment later)
        Response report = Eventually.answers(Duration.ofSeconds(30), () -> {
            Response r = given().auth().oauth2(manager).queryParam("fiscalYear", 2025)
                    .when().get(stack.gatewayUrl() + "/api/reports/facilities/" + FACILITY + "/readiness");
            Integer yes = r.statusCode() == 200 ? r.path(form + ".firstConfirmation.yes") : null;
            Integer no = r.statusCode() == 200 ? r.path(form + ".firstConfirmation.no") : null;
            return yes != null && yes == 1 && no != null && no == 1 ? r : null;
        }, 200);
        report.then()
                .body(form + ".titleJa", equalTo("令和7年度版"))
                .body(form + ".itemsExpected", equalTo(21))
                .body(form + ".firstConfirmation.no", equalTo(1))
                .body(form + ".firstConfirmation.unanswered", equalTo(19));
    }

    @Test
    void a_vendor_system_pushes_through_the_gateway_once_per_idempotency_key() {
        String code = "1310000019";
        String admin = tokens.user("demo-admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"連携病院\",\"kind\":\"clinic\",\"prefecture\":\"13\","
                        + "\"hasMedicalInformationSystem\":true}")
                .when().post(stack.gatewayUrl() + "/api/facilities").then().statusCode(201);
        tokens.createUser(stack.servers().keycloak().adminPassword(), "manager-" + code, "facility-manager",
                java.util.Map.of("facility_codes", java.util.List.of(code)));
        given().auth().oauth2(tokens.user("manager-" + code)).contentType(ContentType.JSON)
                .body("{\"systems\":[\"レセコン\"]}")
                .when().post(stack.gatewayUrl() + "/api/facilities/" + code + "/vendor-contracts/vendor-demo")
                .then().statusCode(200);
        String vendor = tokens.clientCredentials("demo-vendor", "demo-vendor-secret");
        String push = "{\"facilities\":[{\"facilityCode\":\"" + code + "\",\"frameworkId\":\"mhlw-checklist-vendor\","
                + "\"version\":\"2025\",\"fiscalYear\":2025,\"answers\":[{\"requirementId\":\"mhlw-checklist-vendor:2025:2-7\","
                + "\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-07-01\"}]}]}";
        Response first = Eventually.answers(Duration.ofSeconds(30), () -> given().auth().oauth2(vendor)
                .header("Idempotency-Key", "e2e-push-0001").contentType(ContentType.JSON).body(push)
                .when().post(stack.gatewayUrl() + "/api/vendor/answers"), 201);
        first.then().body("facilitiesStored", equalTo(1)).body("answersStored", equalTo(1));
        given().auth().oauth2(vendor).header("Idempotency-Key", "e2e-push-0001").contentType(ContentType.JSON).body(push)
                .when().post(stack.gatewayUrl() + "/api/vendor/answers")
                .then().statusCode(201).body(equalTo(first.asString()));
        given().auth().oauth2(tokens.user("manager-" + code)).when().get(stack.gatewayUrl() + "/api/facilities/" + code + "/history")
                .then().statusCode(200)
                .body("items.findAll { it.type == 'answers-recorded' }.size()", equalTo(1))
                .body("items.find { it.type == 'answers-recorded' }.actor.clientId", equalTo("demo-vendor"))
                .body("items.find { it.type == 'answers-recorded' }.data.answers.size()", equalTo(1));
    }

    /**
     * FY2026 merged the institution and pharmacy forms: a hospital's and a pharmacy's answers to their own FY2025 forms
     * are offered in the provisional FY2026 form (the shipped edition script), equivalent items only.
     */
    @Test
    void a_hospitals_and_a_pharmacys_fy2025_answers_carry_forward_into_the_provisional_fy2026_form() {
        String admin = tokens.user("demo-admin");
        record Facility(String code, String kind, String form) {
        }
        for (Facility f : new Facility[] { new Facility("1310000027", "hospital", "mhlw-checklist-institution"),
                new Facility("1340000016", "pharmacy", "mhlw-checklist-pharmacy") }) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"code\":\"" + f.code() + "\",\"name\":\"引継ぎ" + f.kind() + "\",\"kind\":\"" + f.kind()
                            + "\",\"prefecture\":\"13\",\"hasMedicalInformationSystem\":true}")
                    .when().post(stack.gatewayUrl() + "/api/facilities").then().statusCode(201);
            tokens.createUser(stack.servers().keycloak().adminPassword(), "manager-" + f.code(), "facility-manager",
                    java.util.Map.of("facility_codes", java.util.List.of(f.code())));
            String manager = tokens.user("manager-" + f.code());
            String assessments = stack.gatewayUrl() + "/api/facilities/" + f.code() + "/assessments";
            String fy2025 = Eventually.answers(Duration.ofSeconds(60), () -> given().auth().oauth2(manager)
                    .contentType(ContentType.JSON)
                    .body("{\"frameworkId\":\"" + f.form() + "\",\"version\":\"2025\",\"fiscalYear\":2025}")
                    .when().post(assessments), 201).path("id");
            given().auth().oauth2(manager).contentType(ContentType.JSON)
                    .body("{\"answers\":["
                            + "{\"requirementId\":\"" + f.form() + ":2025:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-06-02\"},"
                            + "{\"requirementId\":\"" + f.form() + ":2025:2-7\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-06-02\"}]}")
                    .when().put(assessments + "/" + fy2025 + "/answers").then().statusCode(200);

            String fy2026 = Eventually.answers(Duration.ofSeconds(60), () -> given().auth().oauth2(manager)
                    .contentType(ContentType.JSON)
                    .body("{\"frameworkId\":\"mhlw-checklist-facility\",\"version\":\"2026\",\"fiscalYear\":2026}")
                    .when().post(assessments), 201).path("id");
            given().auth().oauth2(manager).when().get(assessments + "/" + fy2026)
                    .then().statusCode(200)
                    .body("awaitingConfirmation.requirementId", hasItem("mhlw-checklist-facility:2026:1-1"))
                    // the password item was likely amended for FY2026: it is answered anew
                    .body("awaitingConfirmation.requirementId", org.hamcrest.Matchers.not(hasItem("mhlw-checklist-facility:2026:2-7")))
                    .body("awaitingConfirmation.find { it.requirementId == 'mhlw-checklist-facility:2026:1-1' }.fromRequirementId",
                            equalTo(f.form() + ":2025:1-1"));
            String form = "forms.find { it.assessmentId == '" + fy2026 + "' }";
            Eventually.answers(Duration.ofSeconds(30), () -> {
                Response r = given().auth().oauth2(manager).queryParam("fiscalYear", 2026)
                        .when().get(stack.gatewayUrl() + "/api/reports/facilities/" + f.code() + "/readiness");
                return r.statusCode() == 200 && r.path(form) != null ? r : null;
            }, 200).then()
                    .body(form + ".provisional.label", equalTo("暫定版 (provisional edition)"))
                    .body(form + ".carriedForwardUnconfirmed", equalTo(1));

            // the FY2026 form as a workbook through the gateway: provisional, every item of the combined form
            byte[] workbook = given().auth().oauth2(manager).when().get(assessments + "/" + fy2026 + "/workbook")
                    .then().statusCode(200).extract().asByteArray();
            try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
                var sheet = book.getSheet("回答 answers");
                org.assertj.core.api.Assertions.assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
                        .startsWith("【暫定版 (provisional edition)】");
                org.assertj.core.api.Assertions.assertThat(sheet.getLastRowNum() - 4).isEqualTo(23);
                var row = sheet.getRow(5);
                row.getCell(3).setCellValue("はい");
                row.getCell(4).setCellValue(java.time.LocalDate.of(2026, 6, 1));
                var out = new java.io.ByteArrayOutputStream();
                book.write(out);
                workbook = out.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            given().auth().oauth2(manager).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .body(workbook).when().put(assessments + "/" + fy2026 + "/workbook")
                    .then().statusCode(200).body("answersRecorded", equalTo(1));
        }
    }

    @Test
    void without_a_token_neither_the_gateway_nor_a_service_reached_directly_answers() {
        given().when().get(stack.gatewayUrl() + "/api/catalogue/frameworks")
                .then().statusCode(401).contentType("application/problem+json");
        for (ServiceProcess service : stack.services()) {
            given().when().get(service.url() + "/api/facilities/" + FACILITY)
                    .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(404)));
        }
        given().when().get(stack.services().get(1).url() + "/api/facilities/" + FACILITY)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void the_gateway_is_ready_when_every_service_is() {
        given().when().get(stack.gatewayUrl() + "/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }
}
