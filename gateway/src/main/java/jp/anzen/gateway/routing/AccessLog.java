package jp.anzen.gateway.routing;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** One line per API request: request id, client, subject, route, status, duration. Never a token. */
final class AccessLog {

    private static final Logger LOG = Logger.getLogger("jp.anzen.gateway.access");

    private AccessLog() {
    }

    static void handle(RoutingContext ctx, String route) {
        long began = System.nanoTime();
        ctx.addEndHandler(done -> {
            String caller = ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                    ? RateLimiter.callerKey(user.getSecurityIdentity()) : "-";
            LOG.infof("%s %s %s %s %s %d %.1fms", ctx.request().getHeader(ProxyRoutes.REQUEST_ID), caller, route,
                    ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(), (System.nanoTime() - began) / 1e6);
        });
        ctx.next();
    }
}
