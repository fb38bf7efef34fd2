package jp.anzen.requirements.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jp.anzen.requirements.TestTokens;

/**
 * Values a corpus of bad imports got stored, or answered with Java's own names: each refused now at its place, in the
 * bundle's terms, against the published schema of the format, and nothing stored.
 */
@QuarkusTest
class BadBundleTest {

    private static RequestSpecification editor() {
        return given().auth().oauth2(TestTokens.demoUser("demo-editor"));
    }

    private static String bundle(String framework, String versionPart, String requirement) {
        return """
                {"format":"anzen-catalogue-bundle/1",
                 "framework":{"id":"%s","kind":"checklist","title_ja":"試験"},
                 "version":{%s},
                 "requirements":[%s]}""".formatted(framework, versionPart, requirement);
    }

    private static final String VERSION = "\"version\":\"2026\",\"title_ja\":\"令和8年度版\"";
    private static final String ITEM = "{\"key\":\"1\",\"kind\":\"item\",\"text_ja\":\"項目\",\"confidence\":\"verified\"}";

    private static void refusedAt(String body, String pointer) {
        editor().contentType("application/json").body(body).when().post("/api/catalogue/imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:invalid-bundle"))
                .body("errors.pointer", hasItem(pointer))
                .body("errors.detail", everyItem(not(containsString("java."))))
                .body("errors.detail", everyItem(not(containsString("jp.anzen"))))
                .body("detail", not(containsString("jp.anzen")));
    }

    @Test
    void fiscal_years_dates_urls_and_lengths_outside_the_domain_are_refused_where_they_are() {
        refusedAt(bundle("bad-fy", VERSION + ",\"fiscal_year\":-1", ITEM), "/version/fiscal_year");
        refusedAt(bundle("bad-fy", VERSION + ",\"fiscal_year\":1.5", ITEM), "/version/fiscal_year");
        refusedAt(bundle("bad-deadline", VERSION, ITEM.replace("}", ",\"deadline\":\"+999999999-12-31\"}")), "/requirements/0/deadline");
        refusedAt(bundle("bad-deadline", VERSION, ITEM.replace("}", ",\"deadline\":\"-999999999-01-01\"}")), "/requirements/0/deadline");
        refusedAt(bundle("bad-urls", VERSION + ",\"source_urls\":[null]", ITEM), "/version/source_urls/0");
        refusedAt(bundle("bad-urls", VERSION + ",\"source_urls\":[\"https://a.example/" + "x".repeat(100_000) + "\"]", ITEM),
                "/version/source_urls/0");
        refusedAt(bundle("bad-key", VERSION, ITEM.replace("\"key\":\"1\"", "\"key\":\"" + "k".repeat(100_000) + "\"")),
                "/requirements/0/key");
        refusedAt(bundle("bad-version", "\"version\":\"" + "9".repeat(100_000) + "\",\"title_ja\":\"長い\"", ITEM), "/version/version");
        refusedAt(bundle("bad-type", VERSION, ITEM.replace("\"kind\":\"item\"", "\"kind\":7")), "/requirements/0/kind");
        refusedAt(bundle("bad-nul", VERSION, ITEM.replace("項目", "項\\u0000目")), "/requirements/0/text_ja");
        for (String framework : new String[] { "bad-fy", "bad-deadline", "bad-urls", "bad-key", "bad-type", "bad-nul" }) {
            editor().when().get("/api/catalogue/frameworks/" + framework).then().statusCode(404);
        }
    }

    @Test
    void a_null_coverage_entry_is_refused_not_a_500() {
        editor().contentType("application/json").body("""
                {"format":"anzen-service-profile/1","id":"null-coverage","version":"1","provider":"P","service":"S",
                 "example":true,"framework":{"id":"mhlw-checklist-institution","version":"2025"},"coverage":[null]}""")
                .when().post("/api/catalogue/service-profiles")
                .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/coverage/0"));
    }

    @Test
    void the_bundle_format_schema_is_published() {
        editor().when().get("/api/catalogue/schemas/anzen-catalogue-bundle-1")
                .then().statusCode(200).contentType("application/schema+json")
                .body("'$id'", equalTo("urn:anzen:schema:anzen-catalogue-bundle/1"))
                .body("properties.format.const", equalTo("anzen-catalogue-bundle/1"));
        given().when().get("/api/catalogue/schemas/anzen-catalogue-bundle-1").then().statusCode(401);
    }

    @Test
    void a_duplicate_key_or_trailing_garbage_in_a_json_document_is_refused() {
        String good = bundle("dup-key", VERSION, ITEM);
        editor().contentType("application/json").body(good.replace("\"kind\":\"checklist\"", "\"kind\":\"checklist\",\"kind\":\"guideline\""))
                .when().post("/api/catalogue/imports").then().statusCode(400).contentType("application/problem+json");
        editor().contentType("application/json").body(good + " {}")
                .when().post("/api/catalogue/imports").then().statusCode(400).contentType("application/problem+json");
        editor().when().get("/api/catalogue/frameworks/dup-key").then().statusCode(404);
    }
}
