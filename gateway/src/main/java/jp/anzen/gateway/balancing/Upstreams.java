package jp.anzen.gateway.balancing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.httpproxy.HttpProxy;
import jp.anzen.gateway.routing.GatewayConfig;
import jp.anzen.gateway.routing.Route;

/**
 * Every service's pool of instances, each with its own pooled, kept-alive connections, and the timer that asks
 * every instance's readiness (from the first moment the gateway runs, so that its own readiness is soon true).
 */
@Singleton
public class Upstreams {

    private final Map<String, UpstreamPool> pools = new LinkedHashMap<>();
    private final GatewayConfig.Balancing balancing;
    private final Vertx vertx;
    private final long timer;

    public Upstreams(GatewayConfig config, Vertx vertx) {
        this.balancing = config.balancing();
        this.vertx = vertx;
        Route.instances(config).forEach((service, uris) -> pools.put(service, new UpstreamPool(service, uris,
                vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setMaxPoolSize(config.maxPoolSize())
                        .setConnectTimeout(5_000)
                        .setIdleTimeout((int) config.upstreamTimeout().toSeconds())))));
        long timeout = balancing.probeTimeout().toMillis();
        timer = vertx.setPeriodic(0, balancing.probeInterval().toMillis(),
                tick -> pools.values().forEach(pool -> pool.probe(timeout)));
    }

    public UpstreamPool pool(String service) {
        UpstreamPool pool = pools.get(service);
        if (pool == null) {
            throw new IllegalArgumentException("no upstream " + service);
        }
        return pool;
    }

    public Collection<UpstreamPool> all() {
        return pools.values();
    }

    /** A reverse proxy over the service's instances: each request to the next ready one, repeated where safe. */
    public HttpProxy proxy(String service) {
        UpstreamPool pool = pool(service);
        return HttpProxy.reverseProxy(pool.client()).origin(new BalancedOrigin(pool))
                .addInterceptor(new SafeRetry(balancing.attempts()));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }
}
