package jp.anzen.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Where each public path prefix goes, and how patient the proxy is with it. */
@ConfigMapping(prefix = "anzen.gateway")
public interface GatewayConfig {

    Upstream upstream();

    Duration upstreamTimeout();

    int maxPoolSize();

    interface Upstream {
        URI requirements();

        URI assessment();

        URI reporting();
    }
}
