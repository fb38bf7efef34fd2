package jp.anzen.reporting.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;

/**
 * Whether any event has waited long for an earlier one of its stream ({@code held_event}, V7). Its stream is not
 * projected past the gap until the missing event comes, so that facility's reports stand still while every other
 * report stays right. Hence wellness ({@code /q/health/well}, for whoever watches the service) and not readiness: the
 * service should keep serving. A held event normally waits for milliseconds; {@code anzen.projection.held-event-patience}
 * says how long is too long.
 */
@Wellness
@ApplicationScoped
public class ProjectionOrder implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final Duration patience;

    public ProjectionOrder(AgroalDataSource dataSource,
            @ConfigProperty(name = "anzen.projection.held-event-patience", defaultValue = "5m") Duration patience) {
        this.dataSource = dataSource;
        this.patience = patience;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("projection order");
        try (Connection c = dataSource.getConnection();
                // the oldest held event with the count of all; no row when none is held
                PreparedStatement s = c.prepareStatement("SELECT count(*) OVER (), held_since, stream_id, stream_version,"
                        + " read_at, now() FROM held_event ORDER BY held_since LIMIT 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return response.up().withData("held events", 0).build();
            }
            response.withData("held events", r.getLong(1));
            OffsetDateTime since = r.getObject(2, OffsetDateTime.class);
            response.withData("oldest held since", since.toString())
                    .withData("oldest", "%s version %d, read at %s".formatted(r.getString(3), r.getInt(4), r.getString(5)));
            boolean tooLong = since.plus(patience).isBefore(r.getObject(6, OffsetDateTime.class));
            return response.status(!tooLong).build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
