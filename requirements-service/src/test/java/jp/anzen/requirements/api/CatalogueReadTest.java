package jp.anzen.requirements.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.requirements.TestTokens;

@QuarkusTest
class CatalogueReadTest {

    @Test
    void a_signed_in_user_lists_the_frameworks_and_sees_the_shipped_checklist_published() {
        given().auth().oauth2(TestTokens.demoUser("demo-facility"))
                .when().get("/api/catalogue/frameworks")
                .then().statusCode(200)
                .body("id", hasItem("mhlw-checklist-institution"))
                .body("find { it.id == 'mhlw-checklist-institution' }.versions.find { it.version == '2025' }.status",
                        equalTo("superseded"))
                .body("find { it.id == 'mhlw-checklist-facility' }.versions.find { it.version == '2026' }.status",
                        equalTo("published"));
    }

    @Test
    void a_version_is_served_as_a_tree_with_sources_and_confidence() {
        given().auth().oauth2(TestTokens.demoUser("demo-facility"))
                .when().get("/api/catalogue/frameworks/mhlw-checklist-institution/versions/2025")
                .then().statusCode(200)
                .body("titleJa", equalTo("令和7年度版"))
                .body("itemCount", equalTo(22))
                .body("requirements.find { it.id == 'mhlw-checklist-institution:2025:2' }.children.find {"
                        + " it.number == '2⑦' }.textJa", startsWith("パスワードは英数字、記号が混在した8文字以上"))
                .body("requirements.find { it.id == 'mhlw-checklist-institution:2025:2' }.children.find {"
                        + " it.id == 'mhlw-checklist-institution:2025:2-10' }.deadline", equalTo("2028-03-31"))
                .body("requirements.find { it.id == 'mhlw-checklist-institution:2025:2' }.children.find {"
                        + " it.id == 'mhlw-checklist-institution:2025:2-9' }.wording", equalTo("truncated"))
                .body("requirements.find { it.kind == 'pre-question' }.textJa", equalTo("医療情報システムの有無"));
    }

    @Test
    void an_unknown_version_is_a_404_problem() {
        given().auth().oauth2(TestTokens.demoUser("demo-facility"))
                .when().get("/api/catalogue/frameworks/mhlw-checklist-institution/versions/1999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:not-found"))
                .body("detail", equalTo("No version 1999 of framework mhlw-checklist-institution"));
    }

    @Test
    void without_a_token_the_catalogue_answers_401_as_a_problem() {
        given().when().get("/api/catalogue/frameworks")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:anzen:problem:unauthenticated"));
    }

    @Test
    void a_forged_token_is_refused() {
        String real = TestTokens.demoUser("demo-facility");
        String[] parts = real.split("\\.");
        // same header and payload, signature of another token: must not verify
        String forged = parts[0] + "." + parts[1] + "." + TestTokens.demoUser("demo-ops").split("\\.")[2];
        given().auth().oauth2(forged)
                .when().get("/api/catalogue/frameworks")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void an_unknown_path_is_a_404_problem_not_a_stack_trace() {
        given().auth().oauth2(TestTokens.demoUser("demo-facility"))
                .when().get("/api/catalogue/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/no/such/route")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
