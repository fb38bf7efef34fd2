package jp.anzen.reporting.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;

/**
 * DOWN while any dead letter is pending, naming the oldest: some facility's reports are stale until an administrator
 * replays or dismisses it. Wellness, not readiness: every other report is right, and the service keeps serving.
 */
@Wellness
@ApplicationScoped
public class DeadLetterCheck implements HealthCheck {

    private final AgroalDataSource dataSource;

    public DeadLetterCheck(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dead letters");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) OVER (), id, source_topic, source_partition,"
                        + " source_offset, coalesce(facility_code, record_key), reason, dead_since FROM dead_letter"
                        + " WHERE status = 'pending' ORDER BY dead_since LIMIT 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return response.up().withData("pending", 0).build();
            }
            return response.down().withData("pending", r.getLong(1))
                    .withData("oldest", "%s at %s-%d@%d (key %s) since %s: %s".formatted(r.getString(2), r.getString(3),
                            r.getInt(4), r.getLong(5), r.getString(6), r.getObject(8, java.time.OffsetDateTime.class),
                            r.getString(7)))
                    .withData("what to do", "GET /api/reports/admin/dead-letters; replay each once its cause is fixed, or dismiss it")
                    .build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
