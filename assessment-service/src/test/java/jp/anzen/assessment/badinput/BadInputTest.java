package jp.anzen.assessment.badinput;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jp.anzen.assessment.Fixtures;

/**
 * What a corpus of bad requests found, each refused with a problem that names what to fix, and nothing stored. Each
 * of these was accepted, or answered 500 or a bare 400, before.
 */
@QuarkusTest
class BadInputTest {

    private static final String OPEN = "{\"frameworkId\":\"test-checklist\",\"version\":\"2025\",\"fiscalYear\":2025}";

    @BeforeEach
    void catalogue() throws Exception {
        Fixtures.catalogueVersionPublished();
    }

    private static String openAssessment(String token, String code) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(OPEN)
                .when().post("/api/facilities/" + code + "/assessments").then().statusCode(201).extract().header("Location");
    }

    private static ValidatableResponse putAnswers(String token, String assessment, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().put(assessment + "/answers").then();
    }

    private static String answer(String confirmedOn) {
        return "{\"answers\":[{\"requirementId\":\"" + Fixtures.ITEM_MANAGER + "\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\""
                + confirmedOn + "\"}]}";
    }

    private static void nothingStored(String token, String assessment) {
        given().auth().oauth2(token).when().get(assessment).then().statusCode(200).body("streamVersion", equalTo(1))
                .body("answers", hasSize(0));
    }

    @Test
    void the_date_that_froze_every_report_is_refused_with_the_field_named() {
        String token = Fixtures.registeredHospital("0510000016");
        String assessment = openAssessment(token, "0510000016");
        for (String date : new String[] { "-999999999-01-01", "+999999999-12-31", "+10000-01-01", "1999-12-31", "0001-01-01" }) {
            putAnswers(token, assessment, answer(date)).statusCode(400).contentType("application/problem+json")
                    .body("errors.pointer", hasItem("/answers/0/confirmedOn"));
        }
        nothingStored(token, assessment);
    }

    @Test
    void evidence_expiring_beyond_the_horizon_is_refused() {
        String token = Fixtures.registeredHospital("0510000024");
        String assessment = openAssessment(token, "0510000024");
        for (String expires : new String[] { "+999999999-12-31", "-999999999-01-01", "2099-01-01" }) {
            putAnswers(token, assessment, """
                    {"answers":[{"requirementId":"%s","round":1,"value":"yes","confirmedOn":"2025-06-01",
                      "evidence":[{"uri":"https://files.example/a.pdf","sha256":"%s","expiresOn":"%s"}]}]}"""
                    .formatted(Fixtures.ITEM_MANAGER, "b".repeat(64), expires))
                    .statusCode(400).body("errors.pointer", hasItem("/answers/0/evidence/0/expiresOn"));
        }
        nothingStored(token, assessment);
    }

    @Test
    void a_field_of_the_wrong_type_is_a_problem_naming_it_not_a_bare_400() {
        String token = Fixtures.registeredHospital("0510000032");
        String assessment = openAssessment(token, "0510000032");
        putAnswers(token, assessment, "{\"answers\":[{\"requirementId\":\"x\",\"round\":\"abc\",\"value\":\"yes\"}]}")
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/answers/0/round")).body("errors[0].detail", equalTo("expected a whole number"))
                .body("detail", not(containsString("java.")));
        putAnswers(token, assessment, "{\"answers\":\"x\"}").statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/answers")).body("errors[0].detail", equalTo("expected an array"));
        given().auth().oauth2(Fixtures.vendor()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"facilities\":[{\"facilityCode\":\"0510000032\",\"answers\":\"x\"}]}")
                .when().post("/api/vendor/answers").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/facilities/0/answers"));
        nothingStored(token, assessment);
    }

    @Test
    void scalars_are_not_coerced() {
        String token = Fixtures.managerOf("manager-0510000040", "0510000040");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":\"0510000040\",\"name\":\"型病院\",\"kind\":\"hospital\",\"prefecture\":\"05\",\"hasMedicalInformationSystem\":2}")
                .when().post("/api/facilities").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/hasMedicalInformationSystem"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":510000040,\"name\":\"型病院\",\"kind\":\"hospital\",\"prefecture\":\"05\",\"hasMedicalInformationSystem\":true}")
                .when().post("/api/facilities").then().statusCode(400).body("errors[0].pointer", equalTo("/code"));
        given().auth().oauth2(token).when().get("/api/facilities/0510000040").then().statusCode(404);
    }

    @Test
    void nul_in_a_body_string_or_a_query_value_is_a_400_not_a_500() {
        String token = Fixtures.managerOf("manager-0510000059", "0510000059");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":\"0510000059\",\"name\":\"NUL\\u0000病院\",\"kind\":\"hospital\",\"prefecture\":\"05\",\"hasMedicalInformationSystem\":true}")
                .when().post("/api/facilities").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/name")).body("errors[0].detail", containsString("U+0000"));
        given().auth().oauth2(Fixtures.token("demo-admin")).queryParam("network", "net\u0000x")
                .when().get("/api/facilities").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("network"));
        given().auth().oauth2(token).when().get("/api/facilities/0510000059").then().statusCode(404);
    }

    @Test
    void a_huge_page_is_refused_not_a_negative_offset() {
        String admin = Fixtures.token("demo-admin");
        Fixtures.registeredHospital("0510000113");
        given().auth().oauth2(admin).queryParam("page", "2147483647").when().get("/api/facilities")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("page"));
        given().auth().oauth2(admin).queryParam("page", "2147483647").when().get("/api/facilities/0510000113/history")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("page", "100000").when().get("/api/facilities")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void a_duplicate_key_trailing_garbage_or_malformed_json_is_a_problem() {
        String token = Fixtures.managerOf("manager-0510000067", "0510000067");
        String body = "{\"code\":\"0510000067\",\"name\":\"重複病院\",\"kind\":\"hospital\",\"prefecture\":\"05\",\"hasMedicalInformationSystem\":true";
        for (String bad : new String[] { body + ",\"name\":\"別名\"}", body + "} {\"more\":1}", body + "}garbage", body,
                "[" + body + "}]", "null", "" }) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(bad).when().post("/api/facilities")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", not(containsString("jp.anzen"))).body("detail", not(containsString("java.")));
        }
        given().auth().oauth2(token).when().get("/api/facilities/0510000067").then().statusCode(404);
    }

    @Test
    void malformed_or_overlong_utf8_is_refused_not_decoded() {
        String token = Fixtures.managerOf("manager-0510000075", "0510000075");
        for (byte[] name : new byte[][] { { 'a', (byte) 0xC0, (byte) 0xAF, 'b' }, { 'a', (byte) 0xFF, 'b' }, { (byte) 0xE3, (byte) 0x81 } }) {
            byte[] head = "{\"code\":\"0510000075\",\"name\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] tail = "\",\"kind\":\"hospital\",\"prefecture\":\"05\",\"hasMedicalInformationSystem\":true}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] bytes = new byte[head.length + name.length + tail.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(name, 0, bytes, head.length, name.length);
            System.arraycopy(tail, 0, bytes, head.length + name.length, tail.length);
            given().auth().oauth2(token).contentType("application/json").body(bytes).when().post("/api/facilities")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:anzen:problem:malformed-encoding"));
        }
        given().auth().oauth2(token).when().get("/api/facilities/0510000075").then().statusCode(404);
    }

    @Test
    void an_empty_body_never_wipes_the_declared_services() {
        String token = Fixtures.registeredHospital("0510000083");
        for (String body : new String[] { "", "null", "{}", "{\"services\":null}" }) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().put("/api/facilities/0510000083/services").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(token).queryParam("size", 500).when().get("/api/facilities/0510000083/history")
                .then().statusCode(200).body("items.type", not(hasItem("services-declared")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"services\":[]}")
                .when().put("/api/facilities/0510000083/services").then().statusCode(200);
    }

    @Test
    void a_network_does_not_learn_that_a_facility_it_cannot_see_exists() {
        Fixtures.registeredHospital("0510000091");
        String operator = Fixtures.networkOperator("operator-net-probe", "net-probe");
        String body = "{\"code\":\"%s\",\"name\":\"探査病院\",\"kind\":\"hospital\",\"prefecture\":\"05\","
                + "\"hasMedicalInformationSystem\":true,\"networkId\":\"net-probe\"}";
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(body.formatted("0510000091"))
                .when().post("/api/facilities").then().statusCode(403).contentType("application/problem+json")
                .body("detail", not(containsString("already")));
        given().auth().oauth2(operator).when().get("/api/facilities/0510000091").then().statusCode(404);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(body.formatted("0510000105"))
                .when().post("/api/facilities").then().statusCode(201);
        // its own member: it may know that one exists
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(body.formatted("0510000105"))
                .when().post("/api/facilities").then().statusCode(409);
    }
}
