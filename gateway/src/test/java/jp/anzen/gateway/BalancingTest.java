package jp.anzen.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * The assessment route has two echo instances ("a", "b") and an address that refuses connections (EchoUpstream):
 * requests are shared, a refused connection moves any request on, an instance whose readiness is DOWN gets none,
 * and only requests that are safe to repeat are sent again after a connection was lost.
 */
@QuarkusTest
class BalancingTest {

    private static int users;
    private String token;

    /** A user of its own for each test: the test profile's rate limit allows each subject a burst of 25. */
    @BeforeEach
    void freshUser() {
        EchoUpstream.RECEIVED.clear();
        var config = ConfigProvider.getConfig();
        Tokens tokens = new Tokens(config.getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
        String name = "balancing-" + ++users;
        tokens.createUser(config.getValue(AnzenTestServers.KEYCLOAK_ADMIN_PASSWORD, String.class), name, "ops-reader",
                java.util.Map.of());
        token = tokens.user(name);
    }

    @AfterEach
    void everyInstanceReady() {
        EchoUpstream.NOT_READY.clear();
    }

    @Test
    void requests_are_shared_by_the_instances_and_a_refused_connection_moves_even_a_write_on() {
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answeredBy.add(given().auth().oauth2(token).contentType("application/json").body("{\"n\":" + i + "}")
                    .when().post("/api/facilities/1310000001/balanced")
                    .then().statusCode(200).body("body", equalTo("{\"n\":" + i + "}"))
                    .extract().path("instance"));
        }
        assertThat(answeredBy).contains("a", "b").containsOnly("a", "b");
        assertThat(EchoUpstream.RECEIVED).hasSize(12);
    }

    @Test
    void an_instance_whose_readiness_is_down_gets_no_requests_until_it_is_up_again() {
        EchoUpstream.NOT_READY.add("b");
        await(() -> instanceState("b").equals("DOWN"));
        for (int i = 0; i < 8; i++) {
            given().auth().oauth2(token).when().get("/api/facilities/1310000001/readiness-a")
                    .then().statusCode(200).body("instance", equalTo("a"));
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Upstream services' }.data.'assessment-service'", equalTo("UP"))
                .body("checks.find { it.name == 'Upstream services' }.data.'assessment-service instances'",
                        equalTo("1 of 3 ready"));

        EchoUpstream.NOT_READY.clear();
        await(() -> instanceState("b").equals("UP"));
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answeredBy.add(given().auth().oauth2(token).when().get("/api/facilities/1310000001/readiness-b")
                    .then().statusCode(200).extract().path("instance"));
        }
        assertThat(answeredBy).contains("b");
    }

    @Test
    void without_any_ready_instance_the_gateway_is_not_ready() {
        EchoUpstream.NOT_READY.addAll(List.of("a", "b"));
        await(() -> given().when().get("/q/health/ready").statusCode() == 503);
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Upstream services' }.data.'assessment-service'", equalTo("DOWN"));
    }

    @Test
    void a_read_that_lost_its_connection_is_sent_to_the_other_instance() {
        given().auth().oauth2(token).when().get("/api/facilities/1310000001/drop-first/readiness")
                .then().statusCode(200);
        assertThat(EchoUpstream.RECEIVED).hasSize(2);
        assertThat(EchoUpstream.RECEIVED.get(0).getBoolean("dropped")).isTrue();
        assertThat(EchoUpstream.RECEIVED.get(1).getString("instance"))
                .isNotEqualTo(EchoUpstream.RECEIVED.get(0).getString("instance"));
    }

    @Test
    void a_write_with_an_idempotency_key_is_sent_again_with_its_whole_body() {
        String body = "{\"answers\":[" + "{\"item\":\"1-1\",\"value\":\"YES\"},".repeat(2_000) + "{}]}";
        given().auth().oauth2(token).header("Idempotency-Key", "retry-0001").contentType("application/json").body(body)
                .when().post("/api/facilities/1310000001/drop-first/answers")
                .then().statusCode(200).body("body", equalTo(body))
                .body("headers.'idempotency-key'", equalTo("retry-0001"));
        assertThat(EchoUpstream.RECEIVED).hasSize(2);
    }

    @Test
    void a_repeated_if_match_write_that_meets_a_conflict_is_an_unknown_outcome_not_a_refusal() {
        given().auth().oauth2(token).header("If-Match", "\"7\"").contentType("application/json").body("{\"n\":1}")
                .when().put("/api/facilities/1310000001/drop-first/answers/1-1")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:anzen:problem:outcome-unknown"));
        assertThat(EchoUpstream.RECEIVED).hasSize(2);
        assertThat(EchoUpstream.RECEIVED.get(1).getBoolean("conflict")).isTrue();

        given().auth().oauth2(token).header("If-Match", "\"7\"").when().get("/api/facilities/1310000001/readiness")
                .then().statusCode(200);
        assertThat(EchoUpstream.RECEIVED).as("the connection the conflict came on serves the next request").hasSize(3);
    }

    @Test
    void a_write_without_a_key_is_never_repeated_and_a_lost_answer_is_a_502_not_a_success() {
        given().auth().oauth2(token).contentType("application/json").body("{\"n\":1}")
                .when().post("/api/facilities/1310000001/drop-first/answers")
                .then().statusCode(502);
        assertThat(EchoUpstream.RECEIVED).hasSize(1);

        given().auth().oauth2(token).when().get("/api/facilities/1310000001/drop-always/readiness")
                .then().statusCode(502);
        assertThat(EchoUpstream.RECEIVED).as("a read is tried on two instances, no more").hasSize(3);
    }

    private static String instanceState(String instance) {
        JsonObject data = new JsonObject(given().when().get("/q/health/ready").body().asString())
                .getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("Upstream services")).findFirst().orElseThrow()
                .getJsonObject("data");
        String port = EchoUpstream.port(instance);
        return data.fieldNames().stream().filter(k -> k.endsWith(":" + port)).map(data::getString).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
