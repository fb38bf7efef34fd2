package jp.anzen.gateway.balancing;

import java.util.HashSet;
import java.util.Set;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/**
 * Where the reverse proxy sends a request: the pool's next instance. A connection that cannot be opened means
 * nothing of the request left the gateway, so any request, a write too, goes on to the next instance; only when
 * every instance refused does the proxy answer 502.
 */
final class BalancedOrigin implements OriginRequestProvider {

    /** The instances this request was sent to already, kept with the request for {@link SafeRetry}. */
    private static final String TRIED = "anzen.tried-instances";

    private final UpstreamPool pool;

    BalancedOrigin(UpstreamPool pool) {
        this.pool = pool;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        @SuppressWarnings("unchecked")
        Set<UpstreamPool.Instance> tried = context.get(TRIED, Set.class);
        if (tried == null) {
            tried = new HashSet<>();
            context.set(TRIED, tried);
        }
        return connect(context, tried);
    }

    private Future<HttpClientRequest> connect(ProxyContext context, Set<UpstreamPool.Instance> tried) {
        var chosen = pool.choose(tried);
        if (chosen.isEmpty()) {
            return Future.failedFuture(new NoInstanceLeft(pool.service()));
        }
        UpstreamPool.Instance instance = chosen.get();
        tried.add(instance);
        return context.client().request(new RequestOptions().setServer(instance.address())).recover(e -> {
            pool.refused(instance, e);
            return connect(context, tried);
        });
    }

    /** Every instance was tried for this request. */
    static final class NoInstanceLeft extends RuntimeException {
        NoInstanceLeft(String service) {
            super("no instance of " + service + " answered", null, false, false);
        }
    }
}
