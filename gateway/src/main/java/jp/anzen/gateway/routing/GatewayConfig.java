package jp.anzen.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where each public path prefix goes, and how patient the proxy is with it. */
@ConfigMapping(prefix = "anzen.gateway")
public interface GatewayConfig {

    Upstream upstream();

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

    interface Upstream {
        URI requirements();

        URI assessment();

        URI reporting();
    }
}
