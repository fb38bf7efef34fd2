package jp.anzen.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server on 127.0.0.1 that answers every request with what it received, and remembers it:
 * the tests see exactly what the gateway forwards, and what it never lets through.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    public static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();
    private static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"echo","version":"1"},
             "paths":{"/api/reports/echo":{"get":{"security":[{"SecurityScheme":[]}],"responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"Problem":{"type":"object"}}}}""";
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject echo = new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("body", body.toString())
                    .put("headers", headers(request));
            RECEIVED.add(echo);
            if (request.path().equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(OPENAPI);
            } else if (request.path().equals("/q/health/ready")) {
                request.response().end("{\"status\":\"UP\"}");
            } else {
                request.response().putHeader("Content-Type", "application/json").end(echo.encode());
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("echo upstream did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of("anzen.gateway.upstream.requirements", url,
                "anzen.gateway.upstream.assessment", url,
                "anzen.gateway.upstream.reporting", url);
    }

    private static JsonObject headers(io.vertx.core.http.HttpServerRequest request) {
        JsonObject headers = new JsonObject();
        request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        return headers;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
