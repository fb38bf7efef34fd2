package jp.anzen.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jp.anzen.gateway.routing.GatewayConfig;
import jp.anzen.gateway.routing.Route;

/** Ready when every upstream service reports itself ready; the check names each one's state. */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements HealthCheck {

    private final GatewayConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public UpstreamsReadiness(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Upstream services").up();
        for (Route route : Route.all(config).stream().filter(r -> !r.prefix().equals("/api/vendor")).toList()) {
            boolean ready = ready(route.upstream().resolve("/q/health/ready"));
            builder.withData(route.service(), ready ? "UP" : "DOWN");
            if (!ready) {
                builder.down();
            }
        }
        return builder.build();
    }

    private boolean ready(URI health) {
        try {
            return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
