package jp.anzen.requirements.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import jp.anzen.requirements.publishing.OutboxRelay;

/**
 * The service is alive only while its outbox relay runs: versions would still be published here, but no other
 * service would learn of them until a restart. A failed liveness check gets the process restarted.
 */
@Liveness
@ApplicationScoped
public class RelayRunning implements HealthCheck {

    private final OutboxRelay relay;

    public RelayRunning(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox relay").status(relay.running()).build();
    }
}
