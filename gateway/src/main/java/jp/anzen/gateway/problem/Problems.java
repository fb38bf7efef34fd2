package jp.anzen.gateway.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 problem responses for what the gateway itself refuses: a missing or invalid token, a path no
 * service owns, an upstream that is down. Never a stack trace.
 */
@Singleton
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(Problems::failure);
        router.route().last().handler(ctx -> send(ctx, 404, "not-found", "Not found",
                "No API at this path. Public paths start with /api/catalogue, /api/facilities, /api/vendor or /api/reports."));
    }

    private static void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"anzen\"");
            send(ctx, 401, "unauthenticated", "Authentication required",
                    "Send a valid bearer access token from the anzen realm in the Authorization header.");
        } else if (failure instanceof ForbiddenException) {
            send(ctx, 403, "forbidden", "Not allowed", "Your roles do not allow this operation.");
        } else if (failure instanceof AuthenticationRedirectException) {
            ctx.next();
        } else if (ctx.statusCode() == 413) {
            send(ctx, 413, "payload-too-large", "Request body too large", "The request body exceeds the gateway's limit.");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            send(ctx, ctx.statusCode(), "bad-request", "Bad request", "The request could not be processed as sent.");
        } else {
            send(ctx, 502, "upstream-failure", "Service unavailable",
                    "The service behind this path failed to answer; retry later.");
        }
    }

    public static void send(RoutingContext ctx, int status, String kind, String title, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .end(new JsonObject().put("type", "urn:anzen:problem:" + kind).put("title", title)
                        .put("status", status).put("detail", detail).encode());
    }
}
