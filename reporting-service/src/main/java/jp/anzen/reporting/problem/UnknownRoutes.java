package jp.anzen.reporting.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;

/** Paths that no resource serves get a problem response too, not the HTTP server's plain-text page. */
@Singleton
public class UnknownRoutes {

    void register(@Observes Router router) {
        router.route().last().handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end("{\"type\":\"urn:anzen:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"No resource at this path.\"}"));
    }
}
