package jp.anzen.servers.test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.Servers;
import jp.anzen.servers.postgres.PostgresServer;

/**
 * Quarkus test resource: real PostgreSQL, Kafka and Keycloak for a service's tests.
 *
 * <p>Init args: {@code database} (the service's database name; omit for none), {@code kafka} and
 * {@code keycloak} ("false" to skip). To rerun tests fast against servers that already run (e.g. the
 * local run's), set {@code ANZEN_TEST_POSTGRES} (an admin JDBC URL), {@code ANZEN_TEST_KAFKA} (bootstrap
 * servers) and {@code ANZEN_TEST_KEYCLOAK} (base URL, with {@code ANZEN_TEST_KEYCLOAK_ADMIN_PASSWORD});
 * each test run then gets a fresh database of its own.
 */
public class AnzenTestServers implements QuarkusTestResourceLifecycleManager {

    public static final String KEYCLOAK_URL = "anzen.test.keycloak.url";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "anzen.test.keycloak.admin-password";

    private String database;
    private boolean kafka = true;
    private boolean keycloak = true;
    private Servers servers;

    @Override
    public void init(Map<String, String> args) {
        database = args.get("database");
        kafka = !"false".equals(args.get("kafka"));
        keycloak = !"false".equals(args.get("keycloak"));
    }

    @Override
    public Map<String, String> start() {
        String reusedPostgres = System.getenv("ANZEN_TEST_POSTGRES");
        String reusedKafka = System.getenv("ANZEN_TEST_KAFKA");
        String reusedKeycloak = System.getenv("ANZEN_TEST_KEYCLOAK");
        boolean needPostgres = database != null && reusedPostgres == null;
        boolean needKafka = kafka && reusedKafka == null;
        boolean needKeycloak = keycloak && reusedKeycloak == null;

        servers = Servers.start(ProjectLayout.locate(),
                Servers.Options.forTests(Path.of("target", "anzen-servers").toAbsolutePath(), needPostgres, needKafka,
                        needKeycloak));

        Map<String, String> config = new HashMap<>();
        if (database != null) {
            String url = reusedPostgres != null
                    ? PostgresServer.ensureDatabase(reusedPostgres,
                            database + "_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT))
                    : servers.postgres().ensureDatabase(database);
            config.put("quarkus.datasource.jdbc.url", url);
            config.put("quarkus.datasource.username", PostgresServer.USER);
            config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        }
        if (kafka) {
            config.put("kafka.bootstrap.servers", reusedKafka != null ? reusedKafka : servers.kafka().bootstrapServers());
        }
        if (keycloak) {
            String base = reusedKeycloak != null ? reusedKeycloak : servers.keycloak().baseUrl();
            config.put("quarkus.oidc.auth-server-url", base + "/realms/anzen");
            config.put(KEYCLOAK_URL, base);
            config.put(KEYCLOAK_ADMIN_PASSWORD, reusedKeycloak != null
                    ? System.getenv().getOrDefault("ANZEN_TEST_KEYCLOAK_ADMIN_PASSWORD", "admin")
                    : servers.keycloak().adminPassword());
        }
        return config;
    }

    @Override
    public void stop() {
        if (servers != null) {
            servers.close();
        }
    }
}
