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
 * Real HTTP servers on 127.0.0.1 that answer every request with what they received, and remember it: the tests
 * see exactly what the gateway forwards, and what it never lets through. The assessment service has two instances
 * ("a" and "b") and a third address that refuses connections, as an instance that died would; each answer names
 * the instance that gave it. An instance in {@link #NOT_READY} says so on its readiness; a path holding
 * {@code /drop-always/} loses the connection without an answer on every instance, {@code /drop-first/} only the
 * first time a request id is seen.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    public static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();
    public static final java.util.Set<String> NOT_READY = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> DROPPED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Map<String, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"echo","version":"1"},
             "paths":{"/api/reports/echo":{"get":{"security":[{"SecurityScheme":[]}],"responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"Problem":{"type":"object"}}}}""";
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        String a = listen("a");
        String b = listen("b");
        String refusing = "http://127.0.0.1:" + jp.anzen.servers.process.Readiness.freePort();
        return Map.of("anzen.gateway.upstream.requirements", a,
                "anzen.gateway.upstream.assessment", String.join(",", a, refusing, b),
                "anzen.gateway.upstream.reporting", a);
    }

    private String listen(String instance) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().contains("/drop-always/")
                    || request.path().contains("/drop-first/") && DROPPED.add(request.getHeader("X-Request-Id"))) {
                RECEIVED.add(new JsonObject().put("instance", instance).put("uri", request.uri()).put("dropped", true));
                request.connection().close();
                return;
            }
            if (request.path().contains("/drop-first/") && request.getHeader("If-Match") != null) {
                // the dropped first attempt was stored: the version moved on, as a real service would say
                RECEIVED.add(new JsonObject().put("instance", instance).put("uri", request.uri()).put("conflict", true));
                request.response().setStatusCode(409).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"urn:anzen:problem:concurrent-modification\",\"status\":409}");
                return;
            }
            JsonObject echo = new JsonObject()
                    .put("instance", instance)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("body", body.toString())
                    .put("headers", headers(request));
            if (request.path().equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(OPENAPI);
            } else if (request.path().equals("/q/health/ready")) {
                boolean ready = !NOT_READY.contains(instance);
                request.response().setStatusCode(ready ? 200 : 503).end("{\"status\":\"" + (ready ? "UP" : "DOWN") + "\"}");
            } else {
                RECEIVED.add(echo);
                request.response().putHeader("Content-Type", "application/json").end(echo.encode());
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("echo upstream did not start", e);
        }
        PORTS.put(instance, server.actualPort());
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The port an instance listens on. */
    public static String port(String instance) {
        return Integer.toString(PORTS.get(instance));
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
