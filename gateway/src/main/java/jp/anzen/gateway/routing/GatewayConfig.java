package jp.anzen.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where each public path prefix goes, and how patient the proxy is with it. */
@ConfigMapping(prefix = "anzen.gateway")
public interface GatewayConfig {

    Upstream upstream();

    Balancing balancing();

    Duration upstreamTimeout();

    int maxPoolSize();

    RateLimit rateLimit();

    Limits limits();

    /** What a request may weigh before it is refused with a problem (see RequestHygiene). */
    interface Limits {
        long bodyBytes();

        int headerBytes();

        /**
         * The longest request target (path and query) proxied. Longer ones get a problem (414); HTTP's own limit
         * ({@code quarkus.http.limits.max-initial-line-length}) stands far above it, so that only absurd request
         * lines are refused bare, before any handler could answer.
         */
        @WithDefault("8192")
        int uriBytes();
    }

    /** Requests per second and burst per client and subject; vendor systems have their own budget. */
    interface RateLimit {
        int requestsPerSecond();

        int burst();

        int vendorRequestsPerSecond();

        int vendorBurst();
    }

    /**
     * Every instance of each service, comma separated ({@code http://127.0.0.1:8082,http://127.0.0.1:8092}); one
     * instance is a list of one. Each request goes to the next ready instance in turn (see balancing/UpstreamPool).
     */
    interface Upstream {
        List<URI> requirements();

        List<URI> assessment();

        List<URI> reporting();
    }

    /** How the gateway learns which instances may take requests, and how often it tries another one. */
    interface Balancing {
        /** How often each instance's readiness is asked; an instance that is DOWN gets no new requests. */
        @WithDefault("2s")
        Duration probeInterval();

        /** A readiness answer slower than this counts as DOWN (a stopped or overloaded process). */
        @WithDefault("1s")
        Duration probeTimeout();

        /**
         * How many instances a request that is safe to repeat (GET, HEAD, or a write with an {@code Idempotency-Key}
         * or {@code If-Match}) is sent to when the connection is lost before an answer. Any request goes on to the
         * next instance when one refuses the connection: nothing of it was sent.
         */
        @WithDefault("2")
        int attempts();
    }
}
