package jp.anzen.reporting.projection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Operations see how many events wait for an earlier one of their stream: normally none. */
@QuarkusTest
class HeldEventsMetricTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_metric_counts_the_held_events() throws Exception {
        String stream = "assessment-" + UUID.randomUUID();
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("anzen_projection_held_events 0.0"));
        try {
            execute("INSERT INTO held_event (stream_id, stream_version, type, payload, read_at)"
                    + " VALUES (?, 7, 'jp.anzen.assessment.answer-recorded.v1', '{}', 'assessment-events-0@1')", stream);
            given().when().get("/q/metrics").then().statusCode(200).body(containsString("anzen_projection_held_events 1.0"));
        } finally {
            execute("DELETE FROM held_event WHERE stream_id = ?", stream);
        }
    }

    private void execute(String sql, String stream) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, stream);
            s.executeUpdate();
        }
    }
}
