package jp.anzen.gateway.docs;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jp.anzen.gateway.problem.Problems;
import jp.anzen.gateway.balancing.Upstreams;
import jp.anzen.gateway.routing.Route;

/**
 * The services' OpenAPI documents as one API, served by the entrance they describe: {@code /api-docs/openapi.json}
 * (all paths, the services' schemas, an OAuth2 scheme pointing at the realm so that Swagger UI can obtain a
 * token) and {@code /api-docs/<service>.json} each. Fetched from the services on every request, so the
 * documents are never stale; public, like the paths they list (every path itself needs a token).
 */
@Singleton
public class ApiDocs {

    private final Upstreams upstreams;
    private final String realmUrl;

    public ApiDocs(Upstreams upstreams, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl) {
        this.upstreams = upstreams;
        this.realmUrl = realmUrl;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient();
        List<String> services = Route.ALL.stream().map(Route::service).distinct().toList();
        router.get("/api-docs/openapi.json").handler(ctx -> {
            List<Future<JsonObject>> documents = new ArrayList<>();
            services.forEach(service -> documents.add(fetch(client, service)));
            Future.all(documents).onSuccess(all -> send(ctx, merge(all))).onFailure(e -> unavailable(ctx));
        });
        services.forEach(service -> router.get("/api-docs/" + service.replace("-service", "") + ".json")
                .handler(ctx -> fetch(client, service).onSuccess(document -> send(ctx, withSecurity(document)))
                        .onFailure(e -> unavailable(ctx))));
    }

    /** From a ready instance (every instance of a service serves the same document). */
    private Future<JsonObject> fetch(HttpClient client, String service) {
        java.net.URI upstream = upstreams.pool(service).anyReady();
        return client.request(HttpMethod.GET, upstream.getPort(), upstream.getHost(), "/q/openapi?format=json")
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("OpenAPI of " + upstream + ": " + response.statusCode()))
                .map(body -> new JsonObject(body.toString()));
    }

    private JsonObject merge(CompositeFuture all) {
        JsonObject merged = new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Anzen API").put("version", "0.1.0")
                        .put("description", "Every path needs a bearer token of the anzen realm; Authorize obtains one."));
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonArray tags = new JsonArray();
        for (int i = 0; i < all.size(); i++) {
            JsonObject document = all.resultAt(i);
            document.getJsonObject("paths", new JsonObject()).forEach(p -> paths.put(p.getKey(), p.getValue()));
            JsonObject components = document.getJsonObject("components", new JsonObject());
            // same-named schemas (Problem, ...) are the same shape in every service
            components.getJsonObject("schemas", new JsonObject()).forEach(s -> schemas.put(s.getKey(), s.getValue()));
            document.getJsonArray("tags", new JsonArray()).forEach(tags::add);
        }
        merged.put("paths", paths).put("tags", tags).put("components", new JsonObject().put("schemas", schemas));
        return withSecurity(merged);
    }

    /** Every operation names {@code SecurityScheme}; here it is the realm's OAuth2 flows, for Swagger UI. */
    private JsonObject withSecurity(JsonObject document) {
        String base = realmUrl + "/protocol/openid-connect";
        JsonObject flows = new JsonObject()
                .put("authorizationCode", new JsonObject().put("authorizationUrl", base + "/auth").put("tokenUrl", base + "/token")
                        .put("scopes", new JsonObject()))
                .put("clientCredentials", new JsonObject().put("tokenUrl", base + "/token").put("scopes", new JsonObject()));
        JsonObject components = document.getJsonObject("components", new JsonObject());
        components.put("securitySchemes", new JsonObject().put("SecurityScheme",
                new JsonObject().put("type", "oauth2").put("flows", flows)));
        document.put("components", components);
        document.put("servers", new JsonArray().add(new JsonObject().put("url", "/")));
        return document;
    }

    private static void send(RoutingContext ctx, JsonObject document) {
        ctx.response().putHeader("Content-Type", "application/json").end(document.encode());
    }

    private static void unavailable(RoutingContext ctx) {
        Problems.send(ctx, 502, "upstream-failure", "Service unavailable",
                "A service did not answer with its OpenAPI document; retry later.");
    }
}
