package jp.anzen.assessment.facility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

@QuarkusTest
class FacilityRegistrationTest {

    private static String body(String code, String kind, String prefecture) {
        return """
                {"code":"%s","name":"テスト病院","kind":"%s","prefecture":"%s","beds":120,"hasMedicalInformationSystem":true}"""
                .formatted(code, kind, prefecture);
    }

    @Test
    void a_facility_manager_registers_their_own_facility_and_reads_it_back() {
        String token = Fixtures.managerOf("manager-2710000011", "2710000011");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("2710000011", "hospital", "27"))
                .when().post("/api/facilities")
                .then().statusCode(201)
                .header("Location", endsWith("/api/facilities/2710000011"))
                .header("ETag", "\"1\"")
                .body("name", equalTo("テスト病院"));
        given().auth().oauth2(token)
                .when().get("/api/facilities/2710000011")
                .then().statusCode(200).body("kind", equalTo("hospital")).body("version", equalTo(1));
    }

    @Test
    void registering_the_same_code_twice_is_a_conflict_and_changes_nothing() {
        String token = Fixtures.managerOf("manager-2710000029", "2710000029");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("2710000029", "clinic", "27"))
                .when().post("/api/facilities").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body("2710000029", "hospital", "27"))
                .when().post("/api/facilities")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:facility-exists"));
        given().auth().oauth2(token).when().get("/api/facilities/2710000029")
                .then().statusCode(200).body("kind", equalTo("clinic")).body("version", equalTo(1));
    }

    @Test
    void a_malformed_registration_lists_every_error_by_its_location() {
        String token = Fixtures.token("demo-admin");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":\"9912345678\",\"kind\":\"spaceport\",\"beds\":-3}")
                .when().post("/api/facilities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:invalid-request"))
                .body("errors.pointer", containsInAnyOrder("/code", "/name", "/kind", "/prefecture", "/beds",
                        "/hasMedicalInformationSystem"));
    }

    @Test
    void a_pharmacy_code_cannot_be_registered_as_a_hospital() {
        given().auth().oauth2(Fixtures.token("demo-admin")).contentType(ContentType.JSON)
                .body(body("1340000017", "hospital", "13"))
                .when().post("/api/facilities")
                .then().statusCode(400).body("errors.pointer", hasItem("/kind"));
    }

    @Test
    void a_manager_cannot_register_someone_elses_facility() {
        given().auth().oauth2(Fixtures.token("demo-facility")).contentType(ContentType.JSON)
                .body(body("2710000037", "hospital", "27"))
                .when().post("/api/facilities")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.token("demo-admin")).when().get("/api/facilities/2710000037")
                .then().statusCode(404);
    }

    @Test
    void another_facilitys_manager_cannot_see_a_facility_at_all() {
        String owner = Fixtures.managerOf("manager-2710000045", "2710000045");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(body("2710000045", "hospital", "27"))
                .when().post("/api/facilities").then().statusCode(201);
        given().auth().oauth2(Fixtures.token("demo-facility"))
                .when().get("/api/facilities/2710000045")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_network_registers_a_member_and_reads_it_while_another_network_cannot() {
        String network = Fixtures.networkOperator("operator-net-osaka", "net-osaka");
        given().auth().oauth2(network).contentType(ContentType.JSON)
                .body(body("2710000052", "clinic", "27").replace("}", ",\"networkId\":\"net-osaka\"}"))
                .when().post("/api/facilities")
                .then().statusCode(201).body("networks", hasItem("net-osaka"));
        given().auth().oauth2(network).when().get("/api/facilities/2710000052").then().statusCode(200);
        given().auth().oauth2(Fixtures.token("demo-network")).when().get("/api/facilities/2710000052")
                .then().statusCode(404);
    }

    @Test
    void without_a_token_nothing_is_registered() {
        given().contentType(ContentType.JSON).body(body("2710000060", "hospital", "27"))
                .when().post("/api/facilities")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.token("demo-admin")).when().get("/api/facilities/2710000060")
                .then().statusCode(404);
    }

    @Test
    void malformed_json_is_a_400_problem() {
        given().auth().oauth2(Fixtures.token("demo-admin")).contentType(ContentType.JSON).body("{\"code\": ")
                .when().post("/api/facilities")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
