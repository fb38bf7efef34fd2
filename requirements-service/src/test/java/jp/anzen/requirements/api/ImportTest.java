package jp.anzen.requirements.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jp.anzen.requirements.TestTokens;

/** Catalogue editors import new editions; bad documents are refused whole, with every error located. */
@QuarkusTest
class ImportTest {

    /** YAML goes out as UTF-8 text (RestAssured has no YAML encoder of its own). */
    private static final io.restassured.config.RestAssuredConfig YAML_AS_TEXT = io.restassured.RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)
                    .defaultContentCharset("UTF-8"));

    private static RequestSpecification editor() {
        return as("demo-editor");
    }

    private static RequestSpecification as(String user) {
        return given().config(YAML_AS_TEXT).auth().oauth2(TestTokens.demoUser(user));
    }

    private static String bundle(String framework, String version, String requirements) {
        return """
                format: anzen-catalogue-bundle/1
                framework: {id: %s, kind: checklist, title_ja: 試験様式, title_en: Test form, publisher: テスト}
                version: {version: '%s', fiscal_year: 2026, title_ja: 令和8年度版, title_en: FY2026}
                requirements:
                %s""".formatted(framework, version, requirements);
    }

    private static final String GOOD = """
              - {key: '1', kind: group, number: '1', text_ja: 体制構築, confidence: verified}
              - {key: 1-1, parent: '1', kind: item, number: 1①, text_ja: 責任者を設置している。, text_en: A manager is appointed., target: all-systems, obligation: required, facility_kinds: [hospital, clinic], confidence: verified}
              - {key: 1-2, parent: '1', kind: item, number: 1②, text_ja: 規程を整備している。, text_en: Rules are in place., facility_kinds: [hospital], confidence: secondary}
            """;

    @Test
    void a_bad_bundle_is_refused_with_every_error_located_and_nothing_is_stored() {
        String bad = bundle("test-import-bad", "2026", """
                  - {key: '1', kind: group, text_ja: 群, confidence: verified}
                  - {key: '1', kind: item, text_ja: 重複, confidence: verified}
                  - {key: '2', parent: '9', kind: item, text_ja: 親なし, confidence: verified}
                  - {key: '3', kind: item, text_en: no Japanese, confidence: verified}
                  - {key: '4', kind: item, text_ja: 対象, target: mainframe, facility_kinds: [spaceport], confidence: verified}
                """);
        editor().contentType("application/yaml").body(bad)
                .when().post("/api/catalogue/imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:invalid-bundle"))
                .body("errors.pointer", containsInAnyOrder("/requirements/1/key", "/requirements/2/parent",
                        "/requirements/3/text_ja", "/requirements/4/target", "/requirements/4/facility_kinds/0"));
        editor().when().get("/api/catalogue/frameworks/test-import-bad/versions/2026").then().statusCode(404);
    }

    @Test
    void an_editor_imports_a_draft_publishes_it_and_then_it_never_changes() {
        editor().contentType("application/yaml").body(bundle("test-import-good", "2026", GOOD))
                .when().post("/api/catalogue/imports")
                .then().statusCode(201)
                .body("kind", equalTo("framework-version")).body("status", equalTo("draft"))
                .body("publish", equalTo("/api/catalogue/frameworks/test-import-good/versions/2026/publish"));
        editor().when().get("/api/catalogue/frameworks/test-import-good/versions/2026")
                .then().statusCode(200).body("status", equalTo("draft")).body("itemCount", equalTo(2));

        editor().when().post("/api/catalogue/frameworks/test-import-good/versions/2026/publish")
                .then().statusCode(200).body("status", equalTo("published"));
        editor().when().post("/api/catalogue/frameworks/test-import-good/versions/2026/publish")
                .then().statusCode(409).body("type", equalTo("urn:anzen:problem:version-not-draft"));
        editor().contentType("application/yaml").body(bundle("test-import-good", "2026", GOOD.replace("責任者", "管理者")))
                .when().post("/api/catalogue/imports")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/version/version"));
        editor().when().get("/api/catalogue/requirements/test-import-good:2026:1-1")
                .then().statusCode(200).body("textJa", equalTo("責任者を設置している。"));
    }

    @Test
    void only_catalogue_editors_import_or_publish() {
        as("demo-facility").contentType("application/yaml")
                .body(bundle("test-import-refused", "2026", GOOD))
                .when().post("/api/catalogue/imports")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.demoUser("demo-network"))
                .when().post("/api/catalogue/frameworks/mhlw-checklist-institution/versions/2025/publish")
                .then().statusCode(403);
        given().config(YAML_AS_TEXT).contentType("application/yaml").body(bundle("test-import-refused", "2026", GOOD))
                .when().post("/api/catalogue/imports").then().statusCode(401);
        editor().when().get("/api/catalogue/frameworks/test-import-refused/versions/2026").then().statusCode(404);
    }

    @Test
    void a_mapping_set_with_a_dangling_key_is_refused() {
        editor().contentType("application/json").body("""
                {"format":"anzen-mapping-set/1","kind":"edition",
                 "from":{"framework":"mhlw-checklist-institution","version":"2024"},
                 "to":{"framework":"mhlw-checklist-institution","version":"2025"},
                 "mappings":[{"from":"2-1","to":"2-1","relation":"equivalent"},
                             {"from":"9-9","to":"2-1","relation":"merged"},
                             {"to":"2-7","relation":"added","from":"2-2"},
                             {"from":"2-3","to":"2-3","relation":"renamed"}]}""")
                .when().post("/api/catalogue/imports")
                .then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/mappings/1/from", "/mappings/2/from", "/mappings/3/relation"));
    }

    @Test
    void an_oscal_catalog_can_be_imported_and_gives_the_same_requirements() {
        String exported = editor().when().get("/api/catalogue/frameworks/mhlw-checklist-institution/versions/2025/oscal")
                .then().statusCode(200).extract().asString();
        String renamed = exported.replace("\"value\":\"mhlw-checklist-institution\"", "\"value\":\"oscal-roundtrip\"");
        editor().contentType("application/json").body(renamed)
                .when().post("/api/catalogue/imports")
                .then().statusCode(201).body("id", equalTo("oscal-roundtrip/2025"));
        var original = editor().when().get("/api/catalogue/frameworks/mhlw-checklist-institution/versions/2025/requirements")
                .then().extract().jsonPath();
        var imported = editor().when().get("/api/catalogue/frameworks/oscal-roundtrip/versions/2025/requirements")
                .then().statusCode(200).extract().jsonPath();
        for (String field : new String[] { "number", "textJa", "textEn", "target", "obligation", "facilityKinds",
                "guidelineRefs", "confidence", "wording", "sourceUrls", "deadline", "notes", "position", "kind" }) {
            org.assertj.core.api.Assertions.assertThat(imported.getList(field)).as(field).isEqualTo(original.getList(field));
        }
    }

    @Test
    void a_service_profile_declares_responsibilities_and_unknown_ones_are_refused() {
        editor().contentType("application/yaml").body("""
                format: anzen-service-profile/1
                id: test-profile
                version: '1'
                provider: テスト事業者
                service: テストサービス
                example: true
                framework: {id: mhlw-checklist-institution, version: '2025'}
                coverage:
                  - {requirement: 2-6, responsibility: everyone}
                  - {requirement: 9-9, responsibility: provider}
                """)
                .when().post("/api/catalogue/service-profiles")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/coverage/0/responsibility", "/coverage/1/requirement"));
        editor().contentType("application/yaml").body("""
                format: anzen-service-profile/1
                id: test-profile
                version: '1'
                provider: テスト事業者
                service: テストサービス
                example: true
                framework: {id: mhlw-checklist-institution, version: '2025'}
                coverage:
                  - {requirement: 2-6, responsibility: shared, note: the provider patches its part}
                """)
                .when().post("/api/catalogue/service-profiles")
                .then().statusCode(201).body("kind", equalTo("service-profile"));
        editor().when().post("/api/catalogue/service-profiles/test-profile/versions/1/publish")
                .then().statusCode(200).body("status", equalTo("published"))
                .body("entries", hasSize(1));
        editor().when().get("/api/catalogue/service-profiles")
                .then().statusCode(200).body("id", hasItem("test-profile"));
    }

    @Test
    void unreadable_documents_are_located_problems() {
        editor().contentType("application/yaml").body("format: [unclosed")
                .when().post("/api/catalogue/imports")
                .then().statusCode(400).body("errors[0].pointer", org.hamcrest.Matchers.startsWith("line "));
        editor().contentType("application/json").body("{\"format\":\"something-else\"}")
                .when().post("/api/catalogue/imports")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/format"));
        editor().contentType("application/yaml").body(bundle("test-unknown-field", "2026", GOOD).replace("title_en: FY2026", "title_en: FY2026, colour: red"))
                .when().post("/api/catalogue/imports")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/version/colour"));
    }
}
