package jp.anzen.servers.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the realm, the way clients get them: the password grant of {@code anzen-cli}
 * for people, client credentials for vendor systems. Also creates test users through the admin API.
 */
public final class Tokens {

    public static final String DEMO_PASSWORD = "anzen-demo";
    public static final String CLI_CLIENT = "anzen-cli";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    public Tokens(String keycloakBaseUrl) {
        this.baseUrl = keycloakBaseUrl;
    }

    public String issuer() {
        return baseUrl + "/realms/" + KeycloakServer.REALM;
    }

    public String password(String username, String password) {
        return token(KeycloakServer.REALM, Map.of("grant_type", "password", "client_id", CLI_CLIENT,
                "username", username, "password", password));
    }

    /** A demo user's token (see deploy/keycloak/demo). */
    public String user(String username) {
        return password(username, DEMO_PASSWORD);
    }

    public String clientCredentials(String clientId, String secret) {
        return clientCredentials(KeycloakServer.REALM, clientId, secret);
    }

    public String clientCredentials(String realm, String clientId, String secret) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * Creates (or replaces) a user with one realm role and tenancy attributes, e.g.
     * {@code facility_codes=[...]}; its password is {@link #DEMO_PASSWORD}.
     */
    public void createUser(String adminPassword, String username, String role, Map<String, List<String>> attributes) {
        String admin = token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", KeycloakServer.ADMIN_USER, "password", adminPassword));
        String users = baseUrl + "/admin/realms/" + KeycloakServer.REALM + "/users";
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.invalid");
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", username);
        user.put("attributes", attributes);
        user.put("credentials", List.of(Map.of("type", "password", "value", DEMO_PASSWORD, "temporary", false)));
        JsonNode existing = send(request(users + "?exact=true&username=" + encode(username), admin).GET().build(), 200);
        if (!existing.isEmpty()) {
            send(request(users + "/" + existing.get(0).get("id").asText(), admin).DELETE().build(), 204);
        }
        send(request(users, admin).POST(HttpRequest.BodyPublishers.ofString(write(user)))
                .header("Content-Type", "application/json").build(), 201);
        String id = send(request(users + "?exact=true&username=" + encode(username), admin).GET().build(), 200)
                .get(0).get("id").asText();
        JsonNode roleRep = send(request(baseUrl + "/admin/realms/" + KeycloakServer.REALM + "/roles/" + encode(role), admin)
                .GET().build(), 200);
        send(request(users + "/" + id + "/role-mappings/realm", admin)
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleRep + "]"))
                .header("Content-Type", "application/json").build(), 204);
    }

    private String token(String realm, Map<String, String> form) {
        return token(baseUrl, realm, form);
    }

    static String token(String baseUrl, String realm, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, 200).get("access_token").asText();
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearer);
    }

    private static JsonNode send(HttpRequest request, int expectedStatus) {
        return RealmAdmin.send(request, expectedStatus);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
