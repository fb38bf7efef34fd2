package jp.anzen.reporting.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Whoever watches the service learns of an event held too long; readiness does not change for it. */
@QuarkusTest
class ProjectionOrderTest {

    private static final String CHECK = "checks.find { it.name == 'projection order' }";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void nothing_held_is_well() {
        given().when().get("/q/health/well").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'held events'", equalTo(0));
    }

    @Test
    void an_event_held_a_moment_is_still_well_and_one_held_too_long_is_not() throws Exception {
        String stream = "assessment-" + UUID.randomUUID();
        try {
            hold(stream, 7, "now()");
            given().when().get("/q/health/well").then().statusCode(200)
                    .body(CHECK + ".status", equalTo("UP"))
                    .body(CHECK + ".data.'held events'", equalTo(1));

            hold(stream, 5, "now() - interval '6 minutes'");
            given().when().get("/q/health/well").then().statusCode(503)
                    .body(CHECK + ".status", equalTo("DOWN"))
                    .body(CHECK + ".data.'held events'", equalTo(2))
                    .body(CHECK + ".data.oldest", startsWith(stream + " version 5, read at assessment-events-0@5"));
            given().when().get("/q/health/ready").then().statusCode(200);
            given().when().get("/q/health").then().body("checks.name", hasItem("projection order"));
        } finally {
            execute("DELETE FROM held_event WHERE stream_id = ?", stream);
        }
        given().when().get("/q/health/well").then().statusCode(200).body(CHECK + ".status", equalTo("UP"));
    }

    private void hold(String stream, int version, String since) throws Exception {
        execute("INSERT INTO held_event (stream_id, stream_version, type, payload, read_at, held_since) VALUES (?, " + version
                + ", 'jp.anzen.assessment.answer-recorded.v1', '{}', 'assessment-events-0@" + version + "', " + since + ")", stream);
    }

    private void execute(String sql, String stream) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, stream);
            s.executeUpdate();
        }
    }
}
