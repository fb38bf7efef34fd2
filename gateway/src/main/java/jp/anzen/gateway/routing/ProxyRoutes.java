package jp.anzen.gateway.routing;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import jp.anzen.gateway.balancing.Upstreams;
import jp.anzen.gateway.problem.Problems;

/**
 * Proxies each public prefix to its service with Vert.x's reverse proxy: bodies stream both ways, the
 * caller's bearer token goes along (the services validate it again), connections are pooled and kept alive,
 * and the requests are shared among the service's ready instances (balancing/Upstreams).
 * Proactive authentication has validated any token before these handlers run (an invalid one never gets
 * here); {@link #requireToken} refuses requests that came without one.
 */
@Singleton
public class ProxyRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final GatewayConfig config;
    private final RateLimiter rateLimiter;
    private final Upstreams upstreams;

    public ProxyRoutes(GatewayConfig config, RateLimiter rateLimiter, Upstreams upstreams) {
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.upstreams = upstreams;
    }

    void register(@Observes Router router) {
        // before authentication: a request refused for its token has a request id and an access line too
        List<Route> routes = Route.ALL;
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(ProxyRoutes::requestId)
                .handler(ctx -> AccessLog.handle(ctx, routes.stream().filter(r -> ctx.request().path().startsWith(r.prefix()))
                        .map(Route::service).findFirst().orElse("-")));
        for (Route route : routes) {
            var proxy = upstreams.proxy(route.service());
            router.route(route.prefix() + "*").handler(ctx -> RequestHygiene.handle(ctx, config.limits()))
                    .handler(ProxyRoutes::requireToken).handler(rateLimiter::handle)
                    .handler(ProxyHandler.create(proxy));
        }
    }

    private static void requireToken(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            ctx.next();
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"anzen\"");
            Problems.send(ctx, 401, "unauthenticated", "Authentication required",
                    "Send a valid bearer access token from the anzen realm in the Authorization header.");
        }
    }

    /** Keeps a well-formed request id from the client, otherwise makes one; the services log and record it. */
    private static void requestId(RoutingContext ctx) {
        String given = ctx.request().getHeader(REQUEST_ID);
        String id = given != null && WELL_FORMED_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.request().headers().set(REQUEST_ID, id);
        ctx.response().putHeader(REQUEST_ID, id);
        ctx.next();
    }
}
