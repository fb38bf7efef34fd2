package jp.anzen.servers.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.anzen.servers.process.ChildProcess;
import jp.anzen.servers.process.Directories;
import jp.anzen.servers.process.Readiness;

/**
 * A real Keycloak (the unpacked distribution, {@code start-dev}) with the {@code anzen} realm imported.
 *
 * <p>The realm is imported from a folder of this run ({@code keycloak.migration.dir}, which is what
 * {@code --import-realm} sets), so the shared distribution is never written to by a test.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "anzen";
    public static final String ADMIN_USER = "admin";

    private final ChildProcess process;
    private final int port;
    private final String adminPassword;

    private KeycloakServer(ChildProcess process, int port, String adminPassword) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /**
     * @param persistent keep users and sessions in an H2 file under {@code workDir} (the local run);
     *     otherwise an in-memory database (tests)
     * @param withDemo merge the demo users and the demo vendor client into the realm (local run and tests only)
     */
    public static KeycloakServer start(Path home, Path realmFile, Path demoFile, Path workDir, int port,
            boolean persistent, boolean withDemo, String adminPassword) throws IOException {
        int httpPort = port == 0 ? Readiness.freePort() : port;
        int managementPort = Readiness.freePort();
        Path importDir = workDir.resolve("import");
        Directories.deleteTree(importDir);
        Files.createDirectories(importDir);
        writeRealm(realmFile, withDemo ? demoFile : null, importDir.resolve(REALM + "-realm.json"));

        String dbUrl = persistent
                ? "jdbc:h2:file:" + workDir.resolve("db/keycloak") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=FALSE"
                // without NON_KEYWORDS=VALUE Keycloak's migration fails on H2
                : "jdbc:h2:mem:keycloak;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1";
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=" + Readiness.LOOPBACK, "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--db-url=" + dbUrl, "--import-realm");
        Map<String, String> env = Map.of(
                "JAVA_HOME", ChildProcess.javaHome(),
                "JAVA_OPTS_APPEND", "-Dkeycloak.migration.dir=" + importDir,
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        ChildProcess child = ChildProcess.start("keycloak", command, home, env, workDir.resolve("keycloak.log"));
        KeycloakServer server = new KeycloakServer(child, httpPort, adminPassword);
        try {
            // the first start after unpacking also builds the distribution (~30 s)
            Readiness.await("Keycloak on port " + httpPort, Duration.ofSeconds(180), child::requireAlive,
                    () -> Readiness.httpOk(server.issuer() + "/.well-known/openid-configuration"));
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException(e.getMessage() + "; see " + child.logFile(), e);
        }
        return server;
    }

    /** The base realm, plus the demo clients and users where asked, as one file Keycloak imports. */
    static void writeRealm(Path realmFile, Path demoFile, Path target) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(realmFile.toFile());
        if (demoFile != null) {
            ObjectNode demo = (ObjectNode) json.readTree(demoFile.toFile());
            ((ArrayNode) realm.withArray("clients")).addAll((ArrayNode) demo.withArray("clients"));
            ((ArrayNode) realm.withArray("users")).addAll((ArrayNode) demo.withArray("users"));
        }
        json.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), realm);
    }

    public String baseUrl() {
        return "http://" + Readiness.LOOPBACK + ":" + port;
    }

    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.close();
    }
}
