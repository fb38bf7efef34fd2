package jp.anzen.servers.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak's admin REST API, for what operators do to the realm: one confidential client per vendor system,
 * whose {@code vendor_id} claim is set by the realm (a hard-coded claim), never by the vendor. Tests use it
 * for clients and realms that must be refused.
 */
public final class RealmAdmin {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String adminPassword;

    public RealmAdmin(String keycloakBaseUrl, String adminPassword) {
        this.baseUrl = keycloakBaseUrl;
        this.adminPassword = adminPassword;
    }

    /** Creates (or replaces) a user with one realm role, tenancy attributes and a password. */
    public void createUser(String realm, String username, String role, Map<String, List<String>> attributes, String password) {
        String admin = adminToken();
        String users = baseUrl + "/admin/realms/" + realm + "/users";
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.invalid");
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", username);
        user.put("attributes", attributes);
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        JsonNode existing = send(request(users + "?exact=true&username=" + encode(username), admin).GET().build(), 200);
        if (!existing.isEmpty()) {
            send(request(users + "/" + existing.get(0).get("id").asText(), admin).DELETE().build(), 204);
        }
        send(request(users, admin).POST(body(user)).header("Content-Type", "application/json").build(), 201);
        String id = send(request(users + "?exact=true&username=" + encode(username), admin).GET().build(), 200)
                .get(0).get("id").asText();
        JsonNode roleRep = send(request(baseUrl + "/admin/realms/" + realm + "/roles/" + encode(role), admin).GET().build(), 200);
        send(request(users + "/" + id + "/role-mappings/realm", admin)
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleRep + "]")).header("Content-Type", "application/json")
                .build(), 204);
    }

    /** A vendor system's client (client credentials); returns its generated secret. */
    public String createVendorClient(String realm, String clientId, String vendorId) {
        return createServiceClient(realm, clientId, "vendor-system", true, Map.of("vendor_id", vendorId), null);
    }

    /**
     * A confidential client whose service account has one realm role: with or without the {@code anzen-api}
     * audience, hard-coded claims, and optionally its own access-token lifespan. Returns its secret.
     */
    public String createServiceClient(String realm, String clientId, String role, boolean apiAudience,
            Map<String, String> claims, Integer tokenLifespanSeconds) {
        String admin = adminToken();
        String secret = UUID.randomUUID().toString();
        List<Map<String, Object>> mappers = new ArrayList<>();
        if (apiAudience) {
            mappers.add(mapper("anzen-api audience", "oidc-audience-mapper", Map.of("included.custom.audience", "anzen-api",
                    "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true")));
        }
        claims.forEach((claim, value) -> mappers.add(mapper(claim, "oidc-hardcoded-claim-mapper", Map.of("claim.name", claim,
                "claim.value", value, "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "false",
                "introspection.token.claim", "true"))));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", secret);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("serviceAccountsEnabled", true);
        client.put("protocol", "openid-connect");
        client.put("protocolMappers", mappers);
        if (tokenLifespanSeconds != null) {
            client.put("attributes", Map.of("access.token.lifespan", tokenLifespanSeconds.toString()));
        }
        String clients = baseUrl + "/admin/realms/" + realm + "/clients";
        send(request(clients, admin).POST(body(client)).header("Content-Type", "application/json").build(), 201);
        String id = send(request(clients + "?clientId=" + encode(clientId), admin).GET().build(), 200).get(0).get("id").asText();
        String serviceAccount = send(request(clients + "/" + id + "/service-account-user", admin).GET().build(), 200)
                .get("id").asText();
        JsonNode roleRep = send(request(baseUrl + "/admin/realms/" + realm + "/roles/" + encode(role), admin).GET().build(), 200);
        send(request(baseUrl + "/admin/realms/" + realm + "/users/" + serviceAccount + "/role-mappings/realm", admin)
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleRep + "]")).header("Content-Type", "application/json")
                .build(), 204);
        return secret;
    }

    /** An empty realm with the given realm roles (for tokens that must be refused: another realm). */
    public void createRealm(String realm, List<String> roles) {
        String admin = adminToken();
        Map<String, Object> representation = Map.of("realm", realm, "enabled", true,
                "roles", Map.of("realm", roles.stream().map(r -> Map.of("name", r)).toList()));
        send(request(baseUrl + "/admin/realms", admin).POST(body(representation)).header("Content-Type", "application/json")
                .build(), 201);
    }

    /**
     * Rotates the realm's signing key: a new RSA key with a higher priority signs every token from now on,
     * while the old one still verifies those already issued (what an operator does on a schedule).
     */
    public void rotateSigningKey(String realm, String name) {
        String admin = adminToken();
        String realmId = send(request(baseUrl + "/admin/realms/" + realm, admin).GET().build(), 200).get("id").asText();
        Map<String, Object> component = Map.of("name", name, "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of(String.valueOf(System.currentTimeMillis() / 1000)),
                        "keySize", List.of("2048"), "active", List.of("true"), "enabled", List.of("true"),
                        "algorithm", List.of("RS256")));
        send(request(baseUrl + "/admin/realms/" + realm + "/components", admin).POST(body(component))
                .header("Content-Type", "application/json").build(), 201);
    }

    private String adminToken() {
        return Tokens.token(baseUrl, "master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", KeycloakServer.ADMIN_USER, "password", adminPassword));
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", config);
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + bearer);
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
