package jp.anzen.requirements.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.requirements.TestTokens;

/** The shipped catalogue as integrators read it. */
@QuarkusTest
class CatalogueContentTest {

    private static final String INSTITUTION = "/api/catalogue/frameworks/mhlw-checklist-institution";
    private static final String ID = "mhlw-checklist-institution:";

    private static io.restassured.specification.RequestSpecification reader() {
        return given().auth().oauth2(TestTokens.demoUser("demo-ops"));
    }

    @Test
    void every_shipped_edition_is_there_and_only_this_years_forms_are_current() {
        reader().when().get("/api/catalogue/frameworks")
                .then().statusCode(200)
                .body("id", hasItems("mhlw-guideline", "mhlw-checklist-institution", "mhlw-checklist-pharmacy",
                        "mhlw-checklist-facility", "mhlw-checklist-vendor"))
                // FY2026 merged the institution and pharmacy forms: both FY2025 forms gave way to the combined one
                .body("find { it.id == 'mhlw-checklist-institution' }.versions.collectEntries { [it.version, it.status] }",
                        equalTo(java.util.Map.of("2023", "superseded", "2024", "superseded", "2025", "superseded")))
                .body("find { it.id == 'mhlw-checklist-pharmacy' }.versions.status", everyItem(equalTo("superseded")))
                .body("find { it.id == 'mhlw-checklist-facility' }.versions.collectEntries { [it.version, it.status] }",
                        equalTo(java.util.Map.of("2026", "published")))
                .body("find { it.id == 'mhlw-checklist-vendor' }.versions.collectEntries { [it.version, it.status] }",
                        equalTo(java.util.Map.of("2024", "superseded", "2025", "superseded", "2026", "published")))
                .body("find { it.id == 'mhlw-guideline' }.versions.collectEntries { [it.version, it.status] }",
                        equalTo(java.util.Map.of("6.0", "superseded", "6.0-r2", "published", "7.0", "published")));
    }

    @Test
    void fy2026_and_guideline_7_are_provisional_authored_editions_that_say_why() {
        reader().when().get("/api/catalogue/frameworks/mhlw-checklist-facility/versions/2026")
                .then().statusCode(200).body("provisional", equalTo(true))
                .body("provenance.provisionalReason", org.hamcrest.Matchers.containsString("暫定版"))
                .body("provenance.provisionalReason", org.hamcrest.Matchers.containsString("Provisional"))
                .body("provenance.basedOn", equalTo("mhlw-checklist-institution:2025"))
                .body("itemCount", equalTo(23))
                .body("sourceUrls", hasItem("https://www.mhlw.go.jp/content/10808000/001716187.xlsx"));
        // every item of the combined form applies to hospitals, clinics and pharmacies alike
        reader().queryParam("facilityKind", "pharmacy")
                .when().get("/api/catalogue/frameworks/mhlw-checklist-facility/versions/2026/requirements")
                .then().statusCode(200).body("$", hasSize(23)).body("wording", everyItem(org.hamcrest.Matchers.oneOf(
                        "derived", "not-seen", "truncated")))
                .body("confidence", everyItem(equalTo("unverified")));
        // the edits are the edition's history; the mapping from both FY2025 forms follows from them
        reader().when().get("/api/catalogue/frameworks/mhlw-checklist-facility/versions/2026/edits")
                .then().statusCode(403);
        for (String form : new String[] { "mhlw-checklist-institution", "mhlw-checklist-pharmacy" }) {
            reader().queryParam("from", form + ":2025").queryParam("to", "2026")
                    .when().get("/api/catalogue/frameworks/mhlw-checklist-facility/diff")
                    .then().statusCode(200).body("equivalent", equalTo(20))
                    .body("changed.from", containsInAnyOrder(form + ":2025:2-7", form + ":2025:2-10"))
                    .body("added", equalTo(java.util.List.of("mhlw-checklist-facility:2026:2-account-lock")));
        }
        // a citation lands on the rule the manual names: 2⑬ 接続元制限 cites システム運用編 13⑪
        reader().when().get("/api/catalogue/requirements/mhlw-checklist-facility:2026:2-13")
                .then().statusCode(200)
                .body("outgoing.findAll { it.relation == 'cites' }.toRequirement", contains("mhlw-guideline:6.0-r2:CTL-13-R11"));
        reader().when().get("/api/catalogue/frameworks/mhlw-guideline/versions/6.0-r2")
                .then().statusCode(200).body("provenance.revisionOf", equalTo("6.0"))
                .body("requirements.find { it.id == 'mhlw-guideline:6.0-r2:CTL' }.children.find { it.id == 'mhlw-guideline:6.0-r2:CTL-13' }"
                        + ".children.number", contains("13⑪", "13⑫", "13⑬"));
        // a repository's root is a weak source: listed, and marked
        reader().when().get("/api/catalogue/requirements/mhlw-checklist-facility:2026:2-account-lock")
                .then().statusCode(200).body("weakSourceUrls", contains("https://github.com/BeyondHealthTech/healthlegal"));
        // two-factor authentication: a goal and a condition, not a deadline
        reader().when().get("/api/catalogue/requirements/mhlw-checklist-facility:2026:2-10")
                .then().statusCode(200).body("deadline", nullValue()).body("goal.by", equalTo("2028-03-31"))
                .body("goal.conditionJa", org.hamcrest.Matchers.containsString("次回のシステム更新時"))
                .body("goal.conditionEn", org.hamcrest.Matchers.containsString("renewed"));
        reader().when().get("/api/catalogue/frameworks/mhlw-checklist-facility/versions/2026/oscal")
                .then().statusCode(200).body("catalog.groups.find { it.id == 'r-2' }.controls.find { it.id == 'r-2-10' }"
                        + ".props.find { it.name == 'goal-by' }.value", equalTo("2028-03-31"));
        reader().when().get("/api/catalogue/frameworks/mhlw-guideline/versions/7.0")
                .then().statusCode(200).body("provisional", equalTo(true))
                .body("requirements.find { it.id == 'mhlw-guideline:7.0:MNT' }.textJa", equalTo("保守委託機関編"))
                .body("requirements.id", org.hamcrest.Matchers.not(hasItem("mhlw-guideline:7.0:QA")));
        reader().when().get("/api/catalogue/frameworks/mhlw-guideline/versions/6.0")
                .then().statusCode(200).body("provisional", equalTo(false));
        reader().when().get("/api/catalogue/frameworks/mhlw-checklist-facility/versions/2026/oscal")
                .then().statusCode(200).body("catalog.metadata.title", org.hamcrest.Matchers.endsWith("（暫定版 provisional）"))
                .body("catalog.metadata.props.find { it.name == 'provisional' }.value", equalTo("true"))
                .body("catalog.metadata.remarks", org.hamcrest.Matchers.containsString("暫定版"));
    }

    @Test
    void the_2024_to_2025_diff_lists_the_five_added_items_the_changed_access_rights_and_the_merged_patch_item() {
        reader().queryParam("from", "2024").queryParam("to", "2025")
                .when().get(INSTITUTION + "/diff")
                .then().statusCode(200)
                .body("added", containsInAnyOrder(ID + "2025:2-7", ID + "2025:2-8", ID + "2025:2-9", ID + "2025:2-10",
                        ID + "2025:x-internal-rules"))
                .body("changed.to", containsInAnyOrder(ID + "2025:2-4-server", ID + "2025:2-4-pc"))
                .body("merged", hasSize(1))
                .body("merged[0].to", equalTo(ID + "2025:2-6"))
                .body("merged[0].from", containsInAnyOrder(ID + "2024:2-7-server", ID + "2024:2-7-pc", ID + "2024:2-7-network"))
                .body("removed", hasSize(0));
    }

    @Test
    void a_requirement_shows_its_mappings_both_ways() {
        reader().when().get("/api/catalogue/requirements/" + ID + "2025:2-6")
                .then().statusCode(200)
                .body("textJa", equalTo("セキュリティパッチ（最新ファームウェアや更新プログラム）を適用している。"))
                .body("incoming.findAll { it.relation == 'merged' }.fromRequirement",
                        hasItems(ID + "2024:2-7-server", ID + "2024:2-7-network"))
                .body("outgoing.findAll { it.relation == 'cites' }.toRequirement", hasItems("mhlw-guideline:6.0:CTL-8.2"));
        reader().when().get("/api/catalogue/requirements/mhlw-guideline:6.0:CTL-13")
                .then().statusCode(200)
                .body("incoming.fromRequirement", hasItem(ID + "2025:2-13"));
    }

    @Test
    void unverified_wording_is_flagged_as_such() {
        reader().when().get("/api/catalogue/requirements/" + ID + "2025:2-10")
                .then().statusCode(200).body("wording", equalTo("not-seen")).body("confidence", equalTo("unverified"))
                .body("deadline", equalTo("2028-03-31"));
        reader().when().get("/api/catalogue/requirements/mhlw-checklist-pharmacy:2025:2-1")
                .then().statusCode(200).body("wording", equalTo("derived"));
    }

    @Test
    void which_items_apply_to_a_dental_clinic_in_fy2025() {
        reader().queryParam("facilityKind", "dental-clinic")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(200).body("$", hasSize(22)).body("facilityKinds", everyItem(hasItem("dental-clinic")));
        reader().queryParam("facilityKind", "pharmacy")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(200).body("$", hasSize(0));
        reader().queryParam("facilityKind", "pharmacy")
                .when().get("/api/catalogue/frameworks/mhlw-checklist-pharmacy/versions/2025/requirements")
                .then().statusCode(200).body("$", hasSize(22));
    }

    @Test
    void requirements_filter_by_target_and_search_in_japanese_and_english() {
        reader().queryParam("target", "server")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(200).body("target", everyItem(equalTo("server")))
                .body("id", hasItems(ID + "2025:2-4-server", ID + "2025:2-11"));
        reader().queryParam("q", "パスワード")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(200).body("id", containsInAnyOrder(ID + "2025:2-7", ID + "2025:2-8"));
        reader().queryParam("q", "BACKUP")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(200).body("id", containsInAnyOrder(ID + "2025:3-2"));
    }

    @Test
    void an_unknown_target_or_facility_kind_is_a_problem_naming_the_parameter() {
        reader().queryParam("target", "mainframe")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("target"));
        reader().queryParam("facilityKind", "spaceport")
                .when().get(INSTITUTION + "/versions/2025/requirements")
                .then().statusCode(400).body("errors[0].pointer", equalTo("facilityKind"));
    }

    @Test
    void mappings_between_two_versions_and_the_example_service_profile_are_served() {
        reader().queryParam("from", "mhlw-checklist-institution:2025").queryParam("to", "mhlw-guideline:6.0")
                .when().get("/api/catalogue/mappings")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].kind", equalTo("cites"))
                .body("[0].mappings.size()", equalTo(17));
        reader().when().get("/api/catalogue/service-profiles/example-cloud-ehr/versions/1")
                .then().statusCode(200).body("example", equalTo(true)).body("status", equalTo("published"))
                .body("entries.find { it.requirementId == '" + ID + "2025:3-2' }.responsibility", equalTo("provider"));
    }
}
