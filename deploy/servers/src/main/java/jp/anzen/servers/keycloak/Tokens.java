package jp.anzen.servers.keycloak;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real access tokens from the realm, the way clients get them: the password grant of {@code anzen-cli}
 * for people, client credentials for vendor systems. Test users are created through {@link RealmAdmin}.
 */
public final class Tokens {

    public static final String DEMO_PASSWORD = "anzen-demo";
    public static final String CLI_CLIENT = "anzen-cli";


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
        new RealmAdmin(baseUrl, adminPassword).createUser(KeycloakServer.REALM, username, role, attributes, DEMO_PASSWORD);
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
        return RealmAdmin.send(request, 200).get("access_token").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
