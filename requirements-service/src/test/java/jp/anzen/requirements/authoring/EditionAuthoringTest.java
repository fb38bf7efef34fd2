package jp.anzen.requirements.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jp.anzen.requirements.TestTokens;

/**
 * An editor authors a new edition from a published one, through the API: the copy, the edits (each recorded), the
 * derived mapping, the diff, publication. Each test works on frameworks of its own, imported here.
 */
@QuarkusTest
class EditionAuthoringTest {

    private static RequestSpecification editor() {
        return given().auth().oauth2(TestTokens.demoUser("demo-editor")).contentType(ContentType.JSON);
    }

    /** Given a published two-group form of 4 items (and, for pharmacies, a second form with the same keys). */
    private static void givenPublishedForm(String framework, String kinds, String extraItem) {
        String bundle = """
                format: anzen-catalogue-bundle/1
                framework: {id: %s, kind: checklist, title_ja: 試験様式, title_en: Test form, publisher: テスト}
                version: {version: '2025', fiscal_year: 2025, title_ja: 令和7年度版, title_en: FY2025}
                requirements:
                  - {key: '1', kind: group, number: '1', text_ja: 体制構築, confidence: verified}
                  - {key: '2', kind: group, number: '2', text_ja: 管理・運用, confidence: verified}
                  - {key: 1-1, parent: '1', kind: item, number: 1①, text_ja: 責任者を設置している。, facility_kinds: [%s], confidence: verified}
                  - {key: 2-1, parent: '2', kind: item, number: 2①, text_ja: 台帳管理を行っている。, target: all-systems, facility_kinds: [%s], confidence: verified}
                  - {key: 2-2, parent: '2', kind: item, number: 2②, text_ja: パスワードを定期的に変更している。, target: all-systems, facility_kinds: [%s], confidence: verified}
                  - {key: 2-3, parent: '2', kind: item, number: 2③, text_ja: アクセスログを管理している。, target: server, facility_kinds: [%s], confidence: secondary}
                %s""".formatted(framework, kinds, kinds, kinds, kinds, extraItem);
        given().auth().oauth2(TestTokens.demoUser("demo-editor")).contentType("application/yaml")
                .config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT).defaultContentCharset("UTF-8")))
                .body(bundle).when().post("/api/catalogue/imports").then().statusCode(201);
        editor().when().post("/api/catalogue/frameworks/" + framework + "/versions/2025/publish").then().statusCode(200);
    }

    private static void edit(String framework, String version, Map<String, Object> edit) {
        editor().body(edit).when().post("/api/catalogue/frameworks/" + framework + "/versions/" + version + "/edits")
                .then().statusCode(201);
    }

    @Test
    void an_editor_authors_a_combined_form_from_two_published_forms_and_the_mapping_follows_from_the_edits() {
        givenPublishedForm("t-auth-inst", "hospital, clinic", "");
        givenPublishedForm("t-auth-pharm", "pharmacy", "  - {key: 2-4, parent: '2', kind: item, text_ja: 薬局独自の項目。, facility_kinds: [pharmacy], confidence: secondary}");

        // when: a new form, based on the institution form, for FY2026, provisional, replacing both
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-inst", "version", "2025"),
                "framework", Map.of("titleJa", "試験様式（統合）", "titleEn", "Combined test form", "publisher", "テスト"),
                "version", "2026", "fiscalYear", 2026, "titleJa", "令和8年度版", "titleEn", "FY2026",
                "provisionalReason", "official wording not seen", "replacesSources", true))
                .when().post("/api/catalogue/frameworks/t-auth-both/versions")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/catalogue/frameworks/t-auth-both/versions/2026"))
                .body("status", equalTo("draft")).body("provisional", equalTo(true))
                .body("provenance.basedOn", equalTo("t-auth-inst:2025"));
        String at = "t-auth-both";
        edit(at, "2026", Map.of("op", "include-form", "form", Map.of("framework", "t-auth-pharm", "version", "2025"),
                "reason", "the two forms are one from FY2026"));
        edit(at, "2026", Map.of("op", "amend", "keys", java.util.List.of("1-1", "2-1"),
                "changes", Map.of("wording", "derived", "confidence", "unverified"), "reason", "FY2026 wording not seen"));
        edit(at, "2026", Map.of("op", "amend", "key", "2-2", "changes", Map.of("textJa", "パスワードの使い回しを禁止している。"),
                "reason", "periodic change dropped"));
        edit(at, "2026", Map.of("op", "add", "item", Map.of("key", "2-5", "parent", "2", "kind", "item",
                "textJa", "アカウントロックを設定している。", "confidence", "unverified"), "after", "2-2", "reason", "account lock added"));
        edit(at, "2026", Map.of("op", "split", "key", "2-3", "into", java.util.List.of(
                Map.of("key", "2-3-server", "parent", "2", "kind", "item", "textJa", "サーバのアクセスログを管理している。",
                        "target", "server", "confidence", "unverified"),
                Map.of("key", "2-3-pc", "parent", "2", "kind", "item", "textJa", "端末のアクセスログを管理している。",
                        "target", "client-pc", "confidence", "unverified")), "reason", "per target"));

        // then: the draft is what the edits make of the base, in order, the pharmacy kinds merged in
        editor().when().get("/api/catalogue/frameworks/t-auth-both/versions/2026/requirements")
                .then().statusCode(200)
                .body("id", contains("t-auth-both:2026:1-1", "t-auth-both:2026:2-1", "t-auth-both:2026:2-2",
                        "t-auth-both:2026:2-5", "t-auth-both:2026:2-3-server", "t-auth-both:2026:2-3-pc"))
                .body("find { it.id == 't-auth-both:2026:1-1' }.facilityKinds", contains("hospital", "clinic", "pharmacy"))
                .body("find { it.id == 't-auth-both:2026:1-1' }.wording", equalTo("derived"));
        editor().when().get("/api/catalogue/frameworks/t-auth-both/versions/2026/edits")
                .then().statusCode(200).body("op", contains("create", "include-form", "amend", "amend", "add", "split"))
                .body("actor", everyItemIs("demo-editor"));
        // the diff of a draft shows what its edits derive, from either source
        editor().when().get("/api/catalogue/frameworks/t-auth-both/diff?from=t-auth-inst:2025&to=2026")
                .then().statusCode(200).body("from", equalTo("t-auth-inst:2025"))
                .body("added", contains("t-auth-both:2026:2-5")).body("removed", hasSize(0))
                .body("changed.from", contains("t-auth-inst:2025:2-2"))
                .body("split[0].to", contains("t-auth-both:2026:2-3-server", "t-auth-both:2026:2-3-pc"))
                .body("equivalent", equalTo(2));
        editor().when().get("/api/catalogue/frameworks/t-auth-both/diff?from=t-auth-pharm:2025&to=2026")
                .then().statusCode(200).body("removed", contains("t-auth-pharm:2025:2-4"))
                .body("equivalent", equalTo(2));

        // when published: the mapping sets are published with it, and the two forms it replaces are superseded
        editor().when().post("/api/catalogue/frameworks/t-auth-both/versions/2026/publish")
                .then().statusCode(200).body("status", equalTo("published"));
        editor().when().get("/api/catalogue/mapping-sets/edition:t-auth-pharm:2025--t-auth-both:2026")
                .then().statusCode(200).body("status", equalTo("published"))
                .body("mappings.find { it.fromRequirement == 't-auth-pharm:2025:1-1' }.relation", equalTo("equivalent"));
        editor().when().get("/api/catalogue/frameworks/t-auth-inst/versions/2025").then().body("status", equalTo("superseded"));
        editor().when().get("/api/catalogue/frameworks/t-auth-pharm/versions/2025").then().body("status", equalTo("superseded"));
        // and a published edition takes no more edits
        editor().body(Map.of("op", "remove", "key", "2-5", "reason", "too late"))
                .when().post("/api/catalogue/frameworks/t-auth-both/versions/2026/edits")
                .then().statusCode(409).body("type", equalTo("urn:anzen:problem:version-not-draft"));
    }

    @Test
    void a_corrected_revision_of_a_published_edition_takes_a_handful_of_calls_and_keeps_answers_where_meaning_stays() {
        givenPublishedForm("t-auth-rev", "hospital", "");
        // 1: the revision, which must say why
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-rev", "version", "2025"), "version", "2025-r2",
                "fiscalYear", 2025, "titleJa", "令和7年度版（確定版）", "titleEn", "FY2025 (final)"))
                .when().post("/api/catalogue/frameworks/t-auth-rev/versions")
                .then().statusCode(400).body("errors.pointer", contains("/revisionReason"));
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-rev", "version", "2025"), "version", "2025-r2",
                "fiscalYear", 2025, "titleJa", "令和7年度版（確定版）", "titleEn", "FY2025 (final)",
                "revisionReason", "the final May 2025 wording"))
                .when().post("/api/catalogue/frameworks/t-auth-rev/versions")
                .then().statusCode(201).body("provenance.revisionOf", equalTo("2025"));
        // 2, 3: the official wording of one item (same meaning) and a real change of another
        edit("t-auth-rev", "2025-r2", Map.of("op", "amend", "key", "1-1",
                "changes", Map.of("textJa", "医療情報システム安全管理責任者を設置している。", "wording", "official"),
                "substantive", false, "reason", "official wording; the meaning is the same"));
        edit("t-auth-rev", "2025-r2", Map.of("op", "amend", "key", "2-3",
                "changes", Map.of("textJa", "アクセスログを管理し、定期的に確認している。"), "reason", "the final text adds review"));
        // 4: publish
        editor().when().post("/api/catalogue/frameworks/t-auth-rev/versions/2025-r2/publish")
                .then().statusCode(200).body("provenance.revisionReason", equalTo("the final May 2025 wording"));
        editor().when().get("/api/catalogue/frameworks/t-auth-rev/diff?from=2025&to=2025-r2")
                .then().statusCode(200).body("changed.from", contains("t-auth-rev:2025:2-3"))
                .body("changed.note", contains("the final text adds review")).body("equivalent", equalTo(3));
        editor().when().get("/api/catalogue/frameworks/t-auth-rev/versions/2025").then().body("status", equalTo("superseded"));
    }

    @Test
    void a_revision_of_an_older_guideline_retires_only_the_version_it_revises() {
        given().auth().oauth2(TestTokens.demoUser("demo-editor")).contentType("application/yaml")
                .config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT).defaultContentCharset("UTF-8")))
                .body("""
                        format: anzen-catalogue-bundle/1
                        framework: {id: t-auth-gl, kind: guideline, title_ja: 試験指針, title_en: Test guideline, publisher: テスト}
                        version: {version: '1.0', title_ja: 第1.0版, title_en: Version 1.0}
                        requirements:
                          - {key: S-1, kind: section, number: '1', text_ja: はじめに, confidence: verified}
                        """).when().post("/api/catalogue/imports").then().statusCode(201);
        editor().when().post("/api/catalogue/frameworks/t-auth-gl/versions/1.0/publish").then().statusCode(200);
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-gl", "version", "1.0"), "version", "2.0",
                "titleJa", "第2.0版", "titleEn", "Version 2.0"))
                .when().post("/api/catalogue/frameworks/t-auth-gl/versions").then().statusCode(201);
        editor().when().post("/api/catalogue/frameworks/t-auth-gl/versions/2.0/publish").then().statusCode(200);
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-gl", "version", "1.0"), "version", "1.0-r2",
                "titleJa", "第1.0版（訂正）", "titleEn", "Version 1.0 (corrected)", "revisionReason", "a title found"))
                .when().post("/api/catalogue/frameworks/t-auth-gl/versions").then().statusCode(201);
        edit("t-auth-gl", "1.0-r2", Map.of("op", "amend", "key", "S-1", "changes", Map.of("textJa", "はじめに（序）"),
                "substantive", false, "reason", "the title as printed"));
        editor().when().post("/api/catalogue/frameworks/t-auth-gl/versions/1.0-r2/publish").then().statusCode(200);
        editor().when().get("/api/catalogue/frameworks").then().statusCode(200)
                .body("find { it.id == 't-auth-gl' }.versions.collectEntries { [it.version, it.status] }",
                        equalTo(Map.of("1.0", "superseded", "2.0", "published", "1.0-r2", "published")));
    }

    @Test
    void a_bad_edit_is_refused_with_every_error_located_and_the_draft_stays_as_it_was() {
        givenPublishedForm("t-auth-bad", "clinic", "");
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-bad", "version", "2025"), "version", "2026",
                "fiscalYear", 2026, "titleJa", "令和8年度版", "titleEn", "FY2026"))
                .when().post("/api/catalogue/frameworks/t-auth-bad/versions").then().statusCode(201);
        editor().body(Map.of("op", "merge", "keys", java.util.List.of("2-1", "9-9", "2"),
                "into", java.util.List.of(Map.of("key", "1-1", "kind", "item", "textJa", "", "confidence", "sure"))))
                .when().post("/api/catalogue/frameworks/t-auth-bad/versions/2026/edits")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:invalid-edit"))
                .body("errors.pointer", containsInAnyOrder("/reason", "/keys/1", "/keys/2", "/into/0/key", "/into/0/textJa",
                        "/into/0/confidence"));
        editor().body(Map.of("op", "amend", "key", "2-1", "changes", Map.of("key", "x", "colour", "red"), "reason", "r"))
                .when().post("/api/catalogue/frameworks/t-auth-bad/versions/2026/edits")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/changes/key", "/changes/colour"));
        editor().body(Map.of("op", "rename", "reason", "r"))
                .when().post("/api/catalogue/frameworks/t-auth-bad/versions/2026/edits")
                .then().statusCode(400).body("errors.pointer", contains("/op"));
        editor().when().get("/api/catalogue/frameworks/t-auth-bad/versions/2026/edits").then().body("op", contains("create"));
        editor().when().get("/api/catalogue/frameworks/t-auth-bad/diff?from=2025&to=2026")
                .then().statusCode(200).body("equivalent", equalTo(4)).body("changed", hasSize(0));
        // a copy of a draft, or over an existing version, is refused too
        editor().body(Map.of("basedOn", Map.of("framework", "t-auth-bad", "version", "2026"), "version", "2025",
                "fiscalYear", 2026, "titleJa", "x", "titleEn", "x"))
                .when().post("/api/catalogue/frameworks/t-auth-bad/versions")
                .then().statusCode(400).body("errors.pointer", hasItem("/basedOn")).body("errors.pointer", hasItem("/version"));
    }

    @Test
    void two_editors_creating_the_same_version_at_once_get_one_draft_and_a_clear_refusal() throws Exception {
        givenPublishedForm("t-auth-race", "clinic", "");
        Map<String, Object> body = Map.of("basedOn", Map.of("framework", "t-auth-race", "version", "2025"), "version", "2026",
                "fiscalYear", 2026, "titleJa", "令和8年度版", "titleEn", "FY2026");
        String token = TestTokens.demoUser("demo-editor"); // one token: the race is the service's, not the realm's
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/catalogue/frameworks/t-auth-race/versions")
                    .then().extract().statusCode());
            var second = pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/catalogue/frameworks/t-auth-race/versions")
                    .then().extract().statusCode());
            org.assertj.core.api.Assertions.assertThat(java.util.List.of(first.get(), second.get()))
                    .containsExactlyInAnyOrder(201, 400);
        } finally {
            pool.shutdownNow();
        }
        editor().when().get("/api/catalogue/frameworks/t-auth-race/versions/2026/edits").then().body("op", contains("create"));
    }

    @Test
    void only_editors_author_editions() {
        givenPublishedForm("t-auth-roles", "clinic", "");
        for (String user : new String[] { "demo-facility", "demo-network", "demo-ops" }) {
            given().auth().oauth2(TestTokens.demoUser(user)).contentType(ContentType.JSON)
                    .body(Map.of("basedOn", Map.of("framework", "t-auth-roles", "version", "2025"), "version", "2026",
                            "fiscalYear", 2026, "titleJa", "x", "titleEn", "x"))
                    .when().post("/api/catalogue/frameworks/t-auth-roles/versions").then().statusCode(403);
            given().auth().oauth2(TestTokens.demoUser(user))
                    .when().get("/api/catalogue/frameworks/t-auth-roles/versions/2025/edits").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("op", "remove", "key", "1-1", "reason", "r"))
                .when().post("/api/catalogue/frameworks/t-auth-roles/versions/2025/edits").then().statusCode(401);
        editor().when().get("/api/catalogue/frameworks/t-auth-roles/versions/2025").then().body("provenance", nullValue())
                .body("provisional", not(equalTo(true)));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
