package jp.anzen.requirements;

import org.eclipse.microprofile.config.ConfigProvider;

import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/** Real tokens from the test Keycloak. */
public final class TestTokens {

    private TestTokens() {
    }

    public static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }

    public static String demoUser(String username) {
        return keycloak().user(username);
    }
}
