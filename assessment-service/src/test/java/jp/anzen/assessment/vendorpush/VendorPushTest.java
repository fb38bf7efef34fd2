package jp.anzen.assessment.vendorpush;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

/** A vendor system pushes its form's answers for the facilities that contracted it, exactly once per key. */
@QuarkusTest
class VendorPushTest {

    @BeforeEach
    void catalogue() throws Exception {
        Fixtures.catalogueVersionPublished();
    }

    private static void contract(String managerToken, String code) {
        given().auth().oauth2(managerToken).contentType(ContentType.JSON)
                .body("{\"systems\":[\"電子カルテ\"],\"frameworkId\":\"test-vendor-form\"}")
                .when().post("/api/facilities/" + code + "/vendor-contracts/vendor-demo")
                .then().statusCode(200).body("vendorContracts.'vendor-demo'.frameworkId", equalTo("test-vendor-form"));
    }

    private static String push(String... codes) {
        StringBuilder body = new StringBuilder("{\"facilities\":[");
        for (int i = 0; i < codes.length; i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"facilityCode":"%s","frameworkId":"test-vendor-form","version":"2025","fiscalYear":2025,"answers":[
                      {"requirementId":"test-vendor-form:2025:v-1","round":1,"value":"yes","confirmedOn":"2025-07-01",
                       "evidence":[{"uri":"https://vendor.example/mds/2025.pdf","sha256":"%s","expiresOn":"2026-03-31"}]},
                      {"requirementId":"test-vendor-form:2025:v-2","round":1,"value":"no","confirmedOn":"2025-07-01","targetDate":"2025-12-01"}]}"""
                    .formatted(codes[i], "a".repeat(64)));
        }
        return body.append("]}").toString();
    }

    private static int historySize(String token, String code) {
        return given().auth().oauth2(token).queryParam("size", 500).when().get("/api/facilities/" + code + "/history")
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void a_push_stores_contracted_facilities_refuses_others_and_a_retry_stores_nothing_new() {
        String manager = Fixtures.registeredHospital("2210000019");
        Fixtures.registeredHospital("2210000027"); // no contract with the vendor
        contract(manager, "2210000019");
        String vendor = Fixtures.vendor();
        String key = "push-" + UUID.randomUUID();
        String body = push("2210000019", "2210000027", "9999999999");

        String first = given().auth().oauth2(vendor).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/vendor/answers")
                .then().statusCode(201)
                .body("facilitiesStored", equalTo(1)).body("facilitiesRefused", equalTo(2)).body("answersStored", equalTo(2))
                .body("facilities[0].status", equalTo("stored"))
                .body("facilities[1].status", equalTo("refused"))
                .body("facilities[1].errors[0].pointer", equalTo("/facilities/1/facilityCode"))
                .body("facilities[2].errors[0].detail", equalTo(
                        "no active contract of vendor vendor-demo with facility 9999999999"))
                .extract().asString();
        int events = historySize(manager, "2210000019");

        given().auth().oauth2(vendor).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/vendor/answers")
                .then().statusCode(201).body(equalTo(first));
        org.assertj.core.api.Assertions.assertThat(historySize(manager, "2210000019")).isEqualTo(events);

        given().auth().oauth2(vendor).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body.replace("\"yes\"", "\"no\""))
                .when().post("/api/vendor/answers")
                .then().statusCode(409).body("type", equalTo("urn:anzen:problem:idempotency-key-reused"));
    }

    @Test
    void a_facility_named_twice_in_one_push_gets_both_batches_in_order_and_concurrent_pushes_both_land() throws Exception {
        String manager = Fixtures.registeredHospital("2210000078");
        contract(manager, "2210000078");
        String vendor = Fixtures.vendor();
        var twice = given().auth().oauth2(vendor).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("2210000078", "2210000078"))
                .when().post("/api/vendor/answers")
                .then().statusCode(201).body("facilitiesStored", equalTo(2)).body("answersStored", equalTo(4))
                .extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(twice.getInt("facilities[1].streamVersion"))
                .isEqualTo(twice.getInt("facilities[0].streamVersion") + 1); // one event per facility's batch
        int before = historySize(manager, "2210000078");
        // two pushes for the same facility at once: the one that loses the race is run again, not refused
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var a = pool.submit(() -> given().auth().oauth2(vendor).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("2210000078")).when().post("/api/vendor/answers").statusCode());
        var b = pool.submit(() -> given().auth().oauth2(vendor).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("2210000078")).when().post("/api/vendor/answers").statusCode());
        org.assertj.core.api.Assertions.assertThat(List.of(a.get(), b.get())).containsOnly(201);
        pool.shutdown();
        org.assertj.core.api.Assertions.assertThat(historySize(manager, "2210000078")).isEqualTo(before + 2);
    }

    @Test
    void twelve_pushes_at_once_for_the_same_facility_all_land_one_after_another() throws Exception {
        String manager = Fixtures.registeredHospital("2210000094");
        contract(manager, "2210000094");
        String vendor = Fixtures.vendor();
        given().auth().oauth2(vendor).header("Idempotency-Key", "push-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(push("2210000094")).when().post("/api/vendor/answers").then().statusCode(201); // opens the form
        int before = historySize(manager, "2210000094");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<io.restassured.response.Response>> pushes = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pushes.add(pool.submit(() -> given().auth().oauth2(vendor).header("Idempotency-Key", "push-" + UUID.randomUUID())
                    .contentType(ContentType.JSON).body(push("2210000094")).when().post("/api/vendor/answers")));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        java.util.Set<Integer> versions = new java.util.TreeSet<>();
        for (var push : pushes) {
            var response = push.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 201) {
                versions.add(response.jsonPath().getInt("facilities[0].streamVersion"));
            }
        }
        pool.shutdown();

        org.assertj.core.api.Assertions.assertThat(statuses).containsOnly(201);
        org.assertj.core.api.Assertions.assertThat(versions).as("each push appended after the one before it").hasSize(12);
        org.assertj.core.api.Assertions.assertThat(historySize(manager, "2210000094")).isEqualTo(before + 12);
    }

    @Test
    void the_vendor_reads_its_own_form_and_the_manager_sees_who_answered() {
        String manager = Fixtures.registeredHospital("2210000035");
        contract(manager, "2210000035");
        String assessment = given().auth().oauth2(Fixtures.vendor()).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("2210000035"))
                .when().post("/api/vendor/answers").then().statusCode(201).extract().path("facilities[0].assessmentId");
        given().auth().oauth2(Fixtures.vendor()).when().get("/api/facilities/2210000035/assessments/" + assessment)
                .then().statusCode(200).body("vendorId", equalTo("vendor-demo")).body("answers", hasSize(2))
                .body("answers.find { it.requirementId == 'test-vendor-form:2025:v-1' }.evidence[0].expiresOn", equalTo("2026-03-31"));
        given().auth().oauth2(manager).when().get("/api/facilities/2210000035/assessments/" + assessment)
                .then().statusCode(200).body("answers[0].recordedBy", equalTo("service-account-demo-vendor"));
        // the manager reads the vendor's form but does not answer it
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"test-vendor-form:2025:v-1\",\"round\":1,\"value\":\"no\","
                        + "\"confirmedOn\":\"2025-07-02\",\"targetDate\":\"2025-12-01\"}]}")
                .when().put("/api/facilities/2210000035/assessments/" + assessment + "/answers")
                .then().statusCode(403);
    }

    @Test
    void a_vendor_never_sees_the_facilitys_own_form() {
        String manager = Fixtures.registeredHospital("2210000060");
        contract(manager, "2210000060");
        String own = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"test-checklist\",\"version\":\"2025\",\"fiscalYear\":2025}")
                .when().post("/api/facilities/2210000060/assessments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Fixtures.vendor()).when().get("/api/facilities/2210000060/assessments/" + own)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.vendor()).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"test-checklist\",\"version\":\"2025\",\"fiscalYear\":2025}")
                .when().post("/api/facilities/2210000060/assessments").then().statusCode(403);
    }

    @Test
    void after_the_contract_is_revoked_the_vendor_can_no_longer_write() {
        String manager = Fixtures.registeredHospital("2210000043");
        contract(manager, "2210000043");
        given().auth().oauth2(manager).queryParam("reason", "契約終了").when().delete("/api/facilities/2210000043/vendor-contracts/vendor-demo")
                .then().statusCode(204);
        given().auth().oauth2(Fixtures.vendor()).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("2210000043"))
                .when().post("/api/vendor/answers")
                .then().statusCode(200).body("facilitiesStored", equalTo(0));
        given().auth().oauth2(Fixtures.vendor()).when().get("/api/facilities/2210000043")
                .then().statusCode(404);
    }

    @Test
    void bad_answers_refuse_only_their_facility_with_located_errors() {
        String manager = Fixtures.registeredHospital("2210000051");
        contract(manager, "2210000051");
        given().auth().oauth2(Fixtures.vendor()).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("2210000051").replace("\"targetDate\":\"2025-12-01\"", "\"targetDate\":\"2027-12-01\"")
                        .replace("\"sha256\":\"" + "a".repeat(64) + "\"", "\"sha256\":\"nothex\""))
                .when().post("/api/vendor/answers")
                .then().statusCode(200)
                .body("facilities[0].status", equalTo("refused"))
                .body("facilities[0].errors.pointer", org.hamcrest.Matchers.containsInAnyOrder(
                        "/facilities/0/answers/0/evidence/0/sha256", "/facilities/0/answers/1/targetDate"));
    }

    @Test
    void a_push_needs_a_vendor_token_and_an_idempotency_key() {
        given().auth().oauth2(Fixtures.vendor()).contentType(ContentType.JSON).body(push("2210000019"))
                .when().post("/api/vendor/answers")
                .then().statusCode(400).body("detail", startsWith("Send an Idempotency-Key"));
        given().auth().oauth2(Fixtures.token("demo-facility")).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(push("1310000001"))
                .when().post("/api/vendor/answers")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Idempotency-Key", "push-" + UUID.randomUUID()).contentType(ContentType.JSON).body(push("1310000001"))
                .when().post("/api/vendor/answers")
                .then().statusCode(401);
    }

    @Test
    void an_oversized_push_is_refused_saying_the_limit() {
        StringBuilder many = new StringBuilder("{\"facilities\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("{\"facilityCode\":\"2210000019\",\"answers\":[]}");
        }
        given().auth().oauth2(Fixtures.vendor()).header("Idempotency-Key", "push-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(many.append("]}").toString())
                .when().post("/api/vendor/answers")
                .then().statusCode(400).body("errors[0].detail", startsWith("at most 500 facilities per push"));
    }
}
