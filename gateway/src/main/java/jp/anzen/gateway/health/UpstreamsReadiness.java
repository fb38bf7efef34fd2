package jp.anzen.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jp.anzen.gateway.balancing.UpstreamPool;
import jp.anzen.gateway.balancing.Upstreams;

/**
 * Ready when every service has at least one ready instance, as the gateway's own probes last saw them (every
 * {@code anzen.gateway.balancing.probe-interval}); the check names each service's count and each instance's state.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements HealthCheck {

    private final Upstreams upstreams;

    public UpstreamsReadiness(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Upstream services").up();
        for (UpstreamPool pool : upstreams.all()) {
            long ready = pool.ready();
            builder.withData(pool.service(), ready > 0 ? "UP" : "DOWN");
            builder.withData(pool.service() + " instances", ready + " of " + pool.instances().size() + " ready");
            for (UpstreamPool.Instance instance : pool.instances()) {
                builder.withData(instance.uri().toString(), instance.state().name());
            }
            if (ready == 0) {
                builder.down();
            }
        }
        return builder.build();
    }
}
