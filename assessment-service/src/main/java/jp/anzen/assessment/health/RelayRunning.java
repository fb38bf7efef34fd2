package jp.anzen.assessment.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import jp.anzen.assessment.eventstore.EventRelay;

/**
 * The service is alive only while its event relay runs: answers would still be accepted, but no report would see
 * them until a restart. A failed liveness check gets the process restarted.
 */
@Liveness
@ApplicationScoped
public class RelayRunning implements HealthCheck {

    private final EventRelay relay;

    public RelayRunning(EventRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event relay").status(relay.running()).build();
    }
}
