package jp.anzen.assessment.answers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

/** Sign-off and reopen, carry forward, inherited coverage, the audit trail and listings. */
@QuarkusTest
class LifecycleTest {

    @BeforeEach
    void catalogue() throws Exception {
        Fixtures.catalogueVersionPublished();
    }

    private static String open(String token, String code, String version, int fiscalYear) {
        return open(token, code, Fixtures.FRAMEWORK, version, fiscalYear);
    }

    private static String open(String token, String code, String framework, String version, int fiscalYear) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"" + framework + "\",\"version\":\"" + version + "\",\"fiscalYear\":" + fiscalYear + "}")
                .when().post("/api/facilities/" + code + "/assessments")
                .then().statusCode(201).extract().header("Location");
    }

    private static String answer(String item, int round, String value) {
        return "{\"answers\":[{\"requirementId\":\"" + item + "\",\"round\":" + round + ",\"value\":\"" + value
                + "\",\"confirmedOn\":\"2025-06-01\"" + (value.equals("no") ? ",\"targetDate\":\"2025-12-01\"" : "") + "}]}";
    }

    @Test
    void a_signed_off_round_is_frozen_until_reopened_with_a_reason() {
        String manager = Fixtures.registeredHospital("2310000018");
        String staff = Fixtures.staffOf("staff-2310000018", "2310000018");
        String assessment = open(manager, "2310000018", "2025", 2025);
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(answer(Fixtures.ITEM_MANAGER, 1, "yes"))
                .when().put(assessment + "/answers").then().statusCode(200);

        given().auth().oauth2(staff).when().post(assessment + "/rounds/1/sign-off").then().statusCode(403);
        given().auth().oauth2(manager).when().post(assessment + "/rounds/1/sign-off")
                .then().statusCode(200).body("signedOffRounds", hasItem(1));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(answer(Fixtures.ITEM_MANAGER, 1, "no"))
                .when().put(assessment + "/answers")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/answers/0/round"));

        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{}")
                .when().post(assessment + "/rounds/1/reopen").then().statusCode(400).body("errors[0].pointer", equalTo("/reason"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"reason\":\"事業者の回答訂正のため\"}")
                .when().post(assessment + "/rounds/1/reopen").then().statusCode(200).body("signedOffRounds", not(hasItem(1)));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(answer(Fixtures.ITEM_MANAGER, 1, "no"))
                .when().put(assessment + "/answers").then().statusCode(200);
    }

    @Test
    void last_years_answers_to_equivalent_items_are_carried_forward_awaiting_confirmation() {
        String manager = Fixtures.registeredHospital("2310000026");
        String fy2024 = open(manager, "2310000026", "2024", 2024);
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"test-checklist:2024:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2024-06-01\"},"
                        + "{\"requirementId\":\"test-checklist:2024:2-5\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2024-06-01\"}]}")
                .when().put(fy2024 + "/answers").then().statusCode(200);

        String fy2025 = open(manager, "2310000026", "2025", 2025);
        given().auth().oauth2(manager).when().get(fy2025)
                .then().statusCode(200)
                .body("answers", hasSize(0))
                .body("awaitingConfirmation.requirementId", containsInAnyOrder(Fixtures.ITEM_MANAGER))
                .body("awaitingConfirmation[0].fromFiscalYear", equalTo(2024))
                .body("awaitingConfirmation[0].value", equalTo("yes"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(answer(Fixtures.ITEM_MANAGER, 1, "yes"))
                .when().put(fy2025 + "/answers")
                .then().statusCode(200).body("awaitingConfirmation", hasSize(0)).body("answers", hasSize(1));
    }

    @Test
    void a_hospitals_and_a_pharmacys_answers_to_their_own_fy2025_forms_carry_forward_into_the_combined_fy2026_form()
            throws Exception {
        Fixtures.combinedFormPublished();
        String hospital = Fixtures.registeredHospital("2310000067");
        String pharmacy = Fixtures.registeredPharmacy("2340000059");
        String hospitals2025 = open(hospital, "2310000067", Fixtures.FRAMEWORK, "2025", 2025);
        given().auth().oauth2(hospital).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"test-checklist:2025:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-06-01\"},"
                        + "{\"requirementId\":\"test-checklist:2025:2-7\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-06-01\"}]}")
                .when().put(hospitals2025 + "/answers").then().statusCode(200);
        String pharmacys2025 = open(pharmacy, "2340000059", Fixtures.PHARMACY_FORM, "2025", 2025);
        given().auth().oauth2(pharmacy).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"test-pharmacy-form:2025:1-1\",\"round\":1,\"value\":\"no\",\"confirmedOn\":\"2025-07-01\",\"targetDate\":\"2026-03-01\"}]}")
                .when().put(pharmacys2025 + "/answers").then().statusCode(200);

        // only the equivalent item carries; the changed password item must be answered anew
        given().auth().oauth2(hospital).when().get(open(hospital, "2310000067", Fixtures.COMBINED_FORM, "2026", 2026))
                .then().statusCode(200)
                .body("awaitingConfirmation.requirementId", containsInAnyOrder("test-combined-form:2026:1-1"))
                .body("awaitingConfirmation[0].fromFiscalYear", equalTo(2025))
                .body("awaitingConfirmation[0].value", equalTo("yes"));
        given().auth().oauth2(pharmacy).when().get(open(pharmacy, "2340000059", Fixtures.COMBINED_FORM, "2026", 2026))
                .then().statusCode(200)
                .body("awaitingConfirmation.requirementId", containsInAnyOrder("test-combined-form:2026:1-1"))
                .body("awaitingConfirmation[0].value", equalTo("no"));
    }

    @Test
    void what_a_declared_service_profile_covers_shows_apart_from_the_facilitys_answers() {
        String manager = Fixtures.registeredHospital("2310000034");
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"services\":[{\"profileId\":\"no-such-profile\",\"version\":\"1\"}]}")
                .when().put("/api/facilities/2310000034/services")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/services/0"));
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"services\":[{\"profileId\":\"test-profile\",\"version\":\"1\"}]}")
                .when().put("/api/facilities/2310000034/services")
                .then().statusCode(200).body("services[0].profileId", equalTo("test-profile"));
        String assessment = open(manager, "2310000034", "2025", 2025);
        given().auth().oauth2(manager).when().get(assessment)
                .then().statusCode(200).body("answers", hasSize(0))
                .body("inherited[0].requirementId", equalTo(Fixtures.ITEM_PASSWORD))
                .body("inherited[0].responsibility", equalTo("provider"))
                .body("inherited[0].provider", equalTo("テスト事業者"));
    }

    @Test
    void the_history_names_every_actor_and_is_the_facilitys_own() {
        String manager = Fixtures.registeredHospital("2310000042");
        open(manager, "2310000042", "2025", 2025);
        given().auth().oauth2(manager).when().get("/api/facilities/2310000042/history")
                .then().statusCode(200)
                .body("items.type", containsInAnyOrder("facility-registered", "assessment-opened"))
                .body("items[0].actor.username", equalTo("manager-2310000042"))
                .body("items[0].actor.clientId", equalTo("anzen-cli"));
        given().auth().oauth2(Fixtures.token("demo-facility")).when().get("/api/facilities/2310000042/history")
                .then().statusCode(404);
        given().auth().oauth2(manager).queryParam("size", 9999).when().get("/api/facilities/2310000042/history")
                .then().statusCode(400).body("errors[0].pointer", equalTo("size"));
        given().auth().oauth2(manager).queryParam("page", "two").when().get("/api/facilities/2310000042/history")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("page"));
        given().auth().oauth2(manager).queryParam("size", "1e3").when().get("/api/facilities")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("size"));
    }

    @Test
    void a_network_lists_its_members_only_and_ends_a_membership() {
        String network = Fixtures.networkOperator("operator-net-chiba", "net-chiba");
        for (String code : new String[] { "1210000012", "1210000020" }) {
            given().auth().oauth2(network).contentType(ContentType.JSON)
                    .body("{\"code\":\"" + code + "\",\"name\":\"千葉病院\",\"kind\":\"hospital\",\"prefecture\":\"12\","
                            + "\"hasMedicalInformationSystem\":true,\"networkId\":\"net-chiba\"}")
                    .when().post("/api/facilities").then().statusCode(201);
        }
        Fixtures.registeredHospital("1210000039"); // in Chiba, but not a member
        given().auth().oauth2(network).queryParam("prefecture", "12").when().get("/api/facilities")
                .then().statusCode(200).body("items.code", containsInAnyOrder("1210000012", "1210000020"));
        given().auth().oauth2(Fixtures.token("demo-admin")).queryParam("prefecture", "12").when().get("/api/facilities")
                .then().statusCode(200).body("items.code", hasItem("1210000039"));
        given().auth().oauth2(Fixtures.token("demo-network")).when().delete("/api/facilities/1210000020/networks/net-chiba")
                .then().statusCode(404);
        given().auth().oauth2(network).when().delete("/api/facilities/1210000020/networks/net-chiba").then().statusCode(204);
        // joining again takes the facility's consent: its manager grants it, the network cannot
        given().auth().oauth2(network).when().post("/api/facilities/1210000020/networks/net-chiba").then().statusCode(404);
        String manager = Fixtures.managerOf("manager-1210000020", "1210000020");
        given().auth().oauth2(manager).when().post("/api/facilities/1210000020/networks/net-osaka-east")
                .then().statusCode(200).body("networks", hasItem("net-osaka-east"));
        given().auth().oauth2(network).queryParam("network", "net-chiba").when().get("/api/facilities")
                .then().statusCode(200).body("items.code", containsInAnyOrder("1210000012"));
    }
}
