package jp.anzen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

@QuarkusTest
class GatewayTest {

    private static String token(String user) {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class)).user(user);
    }

    @BeforeEach
    void forget() {
        EchoUpstream.RECEIVED.clear();
    }

    @Test
    void a_valid_token_is_forwarded_to_the_owning_service_with_path_query_and_body() {
        String token = token("demo-facility");
        given().auth().oauth2(token).contentType("application/json").body("{\"answers\":[]}")
                .when().put("/api/facilities/1310000001/assessments/x/answers?dry=1")
                .then().statusCode(200)
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("method", equalTo("PUT"))
                .body("uri", equalTo("/api/facilities/1310000001/assessments/x/answers?dry=1"))
                .body("authorization", equalTo("Bearer " + token))
                .body("body", equalTo("{\"answers\":[]}"));
    }

    @Test
    void a_well_formed_request_id_from_the_client_is_kept() {
        given().auth().oauth2(token("demo-ops")).header("X-Request-Id", "client-req-0001")
                .when().get("/api/reports/facilities/1310000001/readiness")
                .then().statusCode(200).header("X-Request-Id", "client-req-0001")
                .body("requestId", equalTo("client-req-0001"));
    }

    @Test
    void without_a_token_nothing_reaches_a_service() {
        given().when().get("/api/catalogue/frameworks")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:anzen:problem:unauthenticated"));
        given().auth().oauth2("not.a.token").when().get("/api/catalogue/frameworks")
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(EchoUpstream.RECEIVED).noneMatch(r -> r.getString("uri").startsWith("/api/"));
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        given().auth().oauth2(token("demo-ops")).when().get("/api/nothing/here")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/elsewhere").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_burst_over_the_limit_gets_429_with_retry_after_and_the_service_never_sees_the_excess() {
        String password = ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_ADMIN_PASSWORD, String.class);
        Tokens tokens = new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
        tokens.createUser(password, "burst-user", "ops-reader", java.util.Map.of());
        String token = tokens.user("burst-user");
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 60; i++) {
            var response = given().auth().oauth2(token).when().get("/api/reports/burst/" + i).then().extract();
            if (response.statusCode() == 429) {
                limited++;
                retryAfter = response.header("Retry-After");
                org.assertj.core.api.Assertions.assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
        long reached = EchoUpstream.RECEIVED.stream().filter(r -> r.getString("uri").startsWith("/api/reports/burst/")).count();
        assertThat(limited).isPositive();
        assertThat(reached).isEqualTo(60 - limited);
        assertThat(retryAfter).isNotNull();
        // another caller's budget is its own
        given().auth().oauth2(token("demo-ops")).when().get("/api/reports/other").then().statusCode(200);
    }

    @Test
    void api_answers_carry_security_headers() {
        given().auth().oauth2(token("demo-ops")).when().get("/api/reports/headers")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
    }

    @Test
    void headers_a_client_could_use_to_pose_as_the_gateway_or_a_hop_never_reach_a_service() {
        given().auth().oauth2(token("demo-ops"))
                .header("X-Forwarded-For", "10.9.9.9").header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=10.9.9.9").header("X-Real-IP", "10.9.9.9")
                .header("X-Anzen-Caller", "anzen-admin").header("X-Internal-Role", "admin")
                .header("Connection", "X-Secret-Hop").header("X-Secret-Hop", "1").header("Proxy-Authorization", "Basic x")
                .header("X-Source-System", "vendor-erp")
                .when().get("/api/reports/hygiene")
                .then().statusCode(200)
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-host'", startsWith("127.0.0.1:"))
                .body("headers.'x-forwarded-proto'", equalTo("http"))
                .body("headers.forwarded", org.hamcrest.Matchers.nullValue())
                .body("headers.'x-real-ip'", org.hamcrest.Matchers.nullValue())
                .body("headers.'x-anzen-caller'", org.hamcrest.Matchers.nullValue())
                .body("headers.'x-internal-role'", org.hamcrest.Matchers.nullValue())
                .body("headers.'x-secret-hop'", org.hamcrest.Matchers.nullValue())
                .body("headers.'proxy-authorization'", org.hamcrest.Matchers.nullValue())
                // what clients are meant to send goes through
                .body("headers.'x-source-system'", equalTo("vendor-erp"));
    }

    @Test
    void a_refused_token_gets_a_request_id_and_an_access_line_like_any_request() {
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger access = java.util.logging.Logger.getLogger("jp.anzen.gateway.access");
        access.addHandler(capture);
        try {
            String forged = token("demo-ops");
            forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
            for (String bad : java.util.List.of("not.a.token", forged)) {
                given().auth().oauth2(bad).header("X-Request-Id", "refused-token-01").when().get("/api/catalogue/frameworks")
                        .then().statusCode(401).contentType("application/problem+json")
                        .header("X-Request-Id", "refused-token-01").header("X-Content-Type-Options", "nosniff");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lines.stream().filter(l -> l.contains("refused-token-01") && l.contains(" 401 ")).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(lines).filteredOn(l -> l.contains("refused-token-01") && l.contains(" 401 ")).hasSize(2);
        } finally {
            access.removeHandler(capture);
        }
        assertThat(EchoUpstream.RECEIVED).isEmpty();
    }

    @Test
    void a_forged_signature_is_refused_locally_never_sent_to_keycloak_for_introspection() {
        for (String setting : java.util.List.of("quarkus.oidc.token.allow-jwt-introspection",
                "quarkus.oidc.token.allow-opaque-token-introspection")) {
            assertThat(ConfigProvider.getConfig().getValue(setting, Boolean.class)).as(setting).isFalse();
        }
    }

    @Test
    void an_over_long_request_target_is_a_problem_with_the_usual_headers() {
        given().auth().oauth2(token("demo-ops")).header("X-Request-Id", "long-uri-0001")
                .queryParam("q", "x".repeat(20_000)).when().get("/api/catalogue/frameworks")
                .then().statusCode(414).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:uri-too-long"))
                .header("X-Request-Id", "long-uri-0001").header("X-Content-Type-Options", "nosniff");
        assertThat(EchoUpstream.RECEIVED).isEmpty();
    }

    @Test
    void traversal_in_a_path_oversized_headers_and_bodies_are_problems_that_reach_no_service() throws Exception {
        String token = token("demo-ops");
        for (String path : java.util.List.of("/api/reports/facilities/..%2F..%2Fq%2Fhealth/readiness",
                "/api/reports/facilities/%2e%2e/readiness", "/api/reports/facilities/a%5Cb/readiness",
                "/api/reports/facilities/a%00/readiness")) {
            given().auth().oauth2(token).urlEncodingEnabled(false).when().get(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:anzen:problem:invalid-path"));
        }
        given().auth().oauth2(token).header("X-Padding", "a".repeat(20_000)).when().get("/api/reports/long-header")
                .then().statusCode(431).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json").body(new byte[10 * 1024 * 1024 + 1])
                .when().post("/api/vendor/answers")
                .then().statusCode(413).contentType("application/problem+json");
        var client = java.net.http.HttpClient.newHttpClient();
        var chunked = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/vendor/answers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("{}".getBytes())))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(411);
        assertThat(EchoUpstream.RECEIVED).isEmpty();
    }

    @Test
    void the_services_documents_are_served_together_with_a_realm_sign_in_for_swagger_ui() {
        given().when().get("/api-docs/openapi.json")
                .then().statusCode(200)
                .body("paths.'/api/reports/echo'.get", org.hamcrest.Matchers.notNullValue())
                .body("components.schemas.Problem", org.hamcrest.Matchers.notNullValue())
                .body("components.securitySchemes.SecurityScheme.type", equalTo("oauth2"))
                .body("components.securitySchemes.SecurityScheme.flows.authorizationCode.authorizationUrl",
                        equalTo(ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                                + "/protocol/openid-connect/auth"));
        given().when().get("/api-docs/assessment.json").then().statusCode(200).body("info.title", equalTo("echo"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readiness_reports_each_upstream() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Upstream services' }.data.'requirements-service'", equalTo("UP"));
    }
}
