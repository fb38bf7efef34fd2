package jp.anzen.stack.badinput;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.postgres.PostgresServer;
import jp.anzen.stack.Eventually;
import jp.anzen.stack.Stack;

/**
 * Bad input never stops Anzen, on the real servers through the gateway. A corpus made from the gateway's OpenAPI
 * document ({@link BadRequests}) gets no 5xx, every refusal is a problem, and a refused write stores nothing; every
 * service is still ready afterwards and a fresh answer is still projected. Then the store is given the exact event that
 * once froze every report, as the earlier version wrote it, and the reporting service restarted on this code
 * dead-letters that one event, projects everything after it, and is ready.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String FACILITY = "1310000019";
    private static final String OTHER = "1310000027";
    private static final String FORM = "mhlw-checklist-institution";
    /** Bounded, as every load on this machine is: the corpus is sent once, one request at a time. */
    private static final Duration CORPUS_LIMIT = Duration.ofMinutes(6);
    private static Stack stack;
    private static Tokens tokens;
    private static String admin;
    private static String manager;
    private static String vendor;
    private static String assessment;
    private static String otherAssessment;

    @BeforeAll
    static void start() {
        stack = Stack.start(ProjectLayout.locate(), Path.of("target", "bad-input").toAbsolutePath(), Stack.Ports.free(), false);
        tokens = new Tokens(stack.servers().keycloak().baseUrl());
        admin = tokens.user("demo-admin");
        vendor = tokens.clientCredentials("demo-vendor", "demo-vendor-secret");
        tokens.createUser(stack.servers().keycloak().adminPassword(), "bad-input-manager", "facility-manager",
                Map.of("facility_codes", List.of(FACILITY, OTHER)));
        manager = tokens.user("bad-input-manager");
        assessment = registeredWithAssessment(FACILITY, "入力病院");
        otherAssessment = registeredWithAssessment(OTHER, "別件病院");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"systems\":[\"電子カルテ\"]}")
                .when().post(stack.gatewayUrl() + "/api/facilities/" + FACILITY + "/vendor-contracts/vendor-demo")
                .then().statusCode(200);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String registeredWithAssessment(String code, String name) {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"kind\":\"hospital\",\"prefecture\":\"13\","
                        + "\"hasMedicalInformationSystem\":true,\"networkId\":\"net-demo\"}")
                .when().post(stack.gatewayUrl() + "/api/facilities").then().statusCode(201);
        return Eventually.answers(Duration.ofSeconds(60), () -> given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"" + FORM + "\",\"version\":\"2025\",\"fiscalYear\":2025}")
                .when().post(stack.gatewayUrl() + "/api/facilities/" + code + "/assessments"), 201).path("id");
    }

    @Test
    @Order(1)
    void a_corpus_of_bad_requests_gets_no_5xx_only_problems_and_stores_nothing_it_refused() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("/assessments/{id}", "/assessments/" + assessment);
        values.put("/mapping-sets/{id}", "/mapping-sets/edition:mhlw-checklist-institution:2024--2025");
        values.put("/service-profiles/{id}", "/service-profiles/example-cloud-ehr");
        values.put("/rebuilds/{id}", "/rebuilds/" + UUID.randomUUID());
        values.put("/dead-letters/{id}", "/dead-letters/" + UUID.randomUUID());
        values.put("{frameworkId}", FORM);
        values.put("{version}", "2025");
        values.put("{requirementId}", FORM + ":2025:1-1");
        values.put("{code}", FACILITY);
        values.put("{assessmentId}", assessment);
        values.put("{round}", "1");
        values.put("{networkId}", "net-demo");
        values.put("{vendorId}", "vendor-demo");
        values.put("{exportId}", UUID.randomUUID().toString());
        String document = given().when().get(stack.gatewayUrl() + "/api-docs/openapi.json").then().statusCode(200).extract().asString();
        List<BadRequests.Probe> corpus = BadRequests.from(BadRequests.parse(document), values);

        Map<String, Integer> byClass = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long began = System.nanoTime();
        int sent = 0;
        try (Connection assessmentDb = database("assessment"); Connection catalogueDb = database("requirements");
                Connection reportingDb = database("reporting")) {
            for (BadRequests.Probe probe : corpus) {
                if (System.nanoTime() - began > CORPUS_LIMIT.toNanos()) {
                    failures.add("the corpus did not finish within " + CORPUS_LIMIT);
                    break;
                }
                String before = probe.writes() ? stored(assessmentDb, catalogueDb, reportingDb) : null;
                Response response = send(probe);
                sent++;
                int status = response.statusCode();
                byClass.merge(status / 100 + "xx", 1, Integer::sum);
                String what = probe.operation() + " [" + probe.label() + "] -> " + status;
                if (status >= 500) {
                    failures.add(what + " " + shorten(response.asString()));
                } else if (status >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(what + " not a problem: " + response.contentType());
                } else if (status >= 400 && before != null && !before.equals(stored(assessmentDb, catalogueDb, reportingDb))) {
                    failures.add(what + " refused, yet something was stored");
                }
            }
        }
        System.out.printf("Bad-input corpus: %d requests in %.1f s through the gateway, by status class %s%n", sent,
                (System.nanoTime() - began) / 1e9, byClass);
        assertThat(failures).as("requests answered 5xx, without a problem, or refused yet stored").isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(1500);

        for (var service : stack.services()) {
            given().when().get(service.url() + "/q/health/ready").then().statusCode(200);
        }
        given().when().get(stack.services().stream().filter(s -> s.name().equals("reporting-service")).findFirst().orElseThrow()
                .url() + "/q/health/well").then().statusCode(200);
        aFreshAnswerIsProjected(OTHER, otherAssessment, "1-1");
    }

    @Test
    @Order(2)
    void a_store_that_holds_the_poisoned_answer_recovers_on_upgrade() throws Exception {
        String reporting = stack.services().stream().filter(s -> s.name().equals("reporting-service")).findFirst().orElseThrow().url();
        long deadBefore = pending();
        // the earlier version stored this and sent it on: an answer-recorded of the first contract (one answer), the same
        // answer as the last one but with the date that version accepted
        aFreshAnswerIsProjected(FACILITY, assessment, "1-1");
        stack.stop("reporting-service"); // as for an upgrade: its process ends...
        int poisonedVersion;
        try (Connection c = database("assessment"); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT max(stream_version) FROM event WHERE stream_id = 'assessment-" + assessment + "'")) {
                r.next();
                poisonedVersion = r.getInt(1) + 1;
            }
            s.executeUpdate("""
                    INSERT INTO event (event_id, stream_id, stream_version, facility_code, type, payload, metadata)
                    SELECT gen_random_uuid(), stream_id, %d, facility_code, 'answer-recorded',
                           jsonb_set(jsonb_build_object('assessmentId', payload->'assessmentId') || (payload->'answers'->0),
                                     '{confirmedOn}', '"-999999999-01-01"'), metadata
                    FROM event WHERE stream_id = 'assessment-%s' AND type = 'answers-recorded'
                    ORDER BY stream_version DESC LIMIT 1""".formatted(poisonedVersion, assessment));
        }
        // ...and answers go on while the poisoned event waits on the topic
        String ok = "{\"answers\":[{\"requirementId\":\"" + FORM + ":2025:2-7\",\"round\":1,\"value\":\"no\","
                + "\"confirmedOn\":\"2025-06-03\",\"targetDate\":\"2026-01-31\"}]}";
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(ok)
                .when().put(stack.gatewayUrl() + "/api/facilities/" + FACILITY + "/assessments/" + assessment + "/answers")
                .then().statusCode(200).body("streamVersion", equalTo(poisonedVersion + 1));
        stack.start("reporting-service"); // ...and this code starts where the earlier one stopped

        String form = "forms.find { it.assessmentId == '" + assessment + "' }";
        Eventually.answers(Duration.ofSeconds(60), () -> {
            Response r = given().auth().oauth2(admin).queryParam("fiscalYear", 2025)
                    .when().get(stack.gatewayUrl() + "/api/reports/facilities/" + FACILITY + "/readiness");
            return r.statusCode() == 200 && Integer.valueOf(1).equals(r.path(form + ".firstConfirmation.no")) ? r : null;
        }, 200).then().body("stale.deadLetters", equalTo(1));
        assertThat(pending()).isEqualTo(deadBefore + 1);
        given().auth().oauth2(admin).queryParam("status", "pending")
                .when().get(stack.gatewayUrl() + "/api/reports/admin/dead-letters")
                .then().statusCode(200).body("items.find { it.streamVersion == " + poisonedVersion + " }.streamId",
                        equalTo("assessment-" + assessment));
        given().when().get(reporting + "/q/health/ready").then().statusCode(200);
        given().when().get(stack.gatewayUrl() + "/q/health/ready").then().statusCode(200);
        aFreshAnswerIsProjected(OTHER, otherAssessment, "2-1");
    }

    private static long pending() {
        return given().auth().oauth2(admin).queryParam("status", "pending")
                .when().get(stack.gatewayUrl() + "/api/reports/admin/dead-letters").then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }

    private static void aFreshAnswerIsProjected(String code, String assessmentId, String item) {
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"" + FORM + ":2025:" + item + "\",\"round\":1,\"value\":\"yes\","
                        + "\"confirmedOn\":\"2025-06-02\"}]}")
                .when().put(stack.gatewayUrl() + "/api/facilities/" + code + "/assessments/" + assessmentId + "/answers")
                .then().statusCode(200);
        String form = "forms.find { it.assessmentId == '" + assessmentId + "' }";
        Eventually.answers(Duration.ofSeconds(60), () -> {
            Response r = given().auth().oauth2(admin).queryParam("fiscalYear", 2025)
                    .when().get(stack.gatewayUrl() + "/api/reports/facilities/" + code + "/readiness");
            Integer yes = r.statusCode() == 200 ? r.path(form + ".firstConfirmation.yes") : null;
            return yes != null && yes >= 1 ? r : null;
        }, 200);
    }

    /** What a refused write must leave as it was: events, catalogue drafts, export jobs, dead letters. */
    private static String stored(Connection assessmentDb, Connection catalogueDb, Connection reportingDb) throws SQLException {
        return one(assessmentDb, "SELECT coalesce(max(global_id), 0) FROM event") + "/"
                + one(catalogueDb, "SELECT (SELECT count(*) FROM framework_version) + (SELECT count(*) FROM mapping_set)"
                        + " + (SELECT count(*) FROM service_profile)")
                + "/" + one(reportingDb, "SELECT (SELECT count(*) FROM export_job) + (SELECT count(*) FROM dead_letter)");
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection database(String name) throws SQLException {
        return DriverManager.getConnection(stack.servers().postgres().jdbcUrl(name), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** One probe, sent as written; a 429 from the rate limit waits for its Retry-After and is sent again. */
    private static Response send(BadRequests.Probe probe) throws InterruptedException {
        for (int attempt = 0;; attempt++) {
            // each as the caller who may do it, so that a probe reaches validation rather than a refusal
            String token = probe.operation().contains(" /api/vendor/") ? vendor
                    : probe.operation().contains(" /api/facilities") ? manager : admin;
            var request = given().urlEncodingEnabled(false).auth().oauth2(token);
            if (probe.body() != null) {
                request = request.contentType(probe.contentType()).body(probe.body());
            }
            if (probe.operation().startsWith("POST /api/vendor/")) {
                request = request.header("Idempotency-Key", "corpus-" + UUID.randomUUID());
            }
            Response response = request.request(probe.method(), stack.gatewayUrl() + probe.path());
            if (response.statusCode() != 429 || attempt == 5) {
                return response;
            }
            String retry = response.header("Retry-After");
            Thread.sleep(1000L * (retry == null ? 1 : Math.max(1, Integer.parseInt(retry.trim()))));
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
