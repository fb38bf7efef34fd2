package jp.anzen.stack;

import jp.anzen.servers.keycloak.KeycloakServer;
import jp.anzen.servers.keycloak.RealmAdmin;

/**
 * Registers a vendor system in the realm: its own confidential client (client credentials) whose tokens carry
 * {@code vendor_id} as set by the realm, and the vendor-system role. Prints the secret once, to hand over.
 *
 * <pre>deploy/anzen.sh vendor-client &lt;client-id&gt; &lt;vendor-id&gt; [keycloak-url] [admin-password]</pre>
 */
public final class VendorClient {

    private VendorClient() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: deploy/anzen.sh vendor-client <client-id> <vendor-id> [keycloak-url] [admin-password]");
            System.exit(2);
        }
        String keycloak = args.length > 2 ? args[2] : "http://127.0.0.1:8180";
        String password = args.length > 3 ? args[3] : System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "admin");
        String secret = new RealmAdmin(keycloak, password).createVendorClient(KeycloakServer.REALM, args[0], args[1]);
        System.out.println("client_id=" + args[0]);
        System.out.println("client_secret=" + secret);
        System.out.println("vendor_id=" + args[1] + " (set by the realm on every token of this client)");
    }
}
