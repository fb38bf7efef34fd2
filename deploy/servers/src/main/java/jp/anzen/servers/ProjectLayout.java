package jp.anzen.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the server distributions and where the realm files live.
 *
 * <p>Surefire passes the project root as {@code anzen.project.root}; the local run finds it from the
 * working directory, so both work from any module.
 */
public record ProjectLayout(Path root) {

    public static final String KEYCLOAK_VERSION = "26.7.3";

    public static ProjectLayout locate() {
        String configured = System.getProperty("anzen.project.root", System.getenv("ANZEN_PROJECT_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy/dist")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return new ProjectLayout(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "Cannot find the Anzen project root (a folder with deploy/dist): set -Danzen.project.root");
    }

    public Path kafkaLibs() {
        return require(root.resolve("deploy/dist/target/kafka/libs"));
    }

    public Path keycloakHome() {
        return require(root.resolve("deploy/dist/target/keycloak/keycloak-" + KEYCLOAK_VERSION));
    }

    public Path realmFile() {
        return require(root.resolve("deploy/keycloak/anzen-realm.json"));
    }

    public Path demoRealmFile() {
        return require(root.resolve("deploy/keycloak/demo/anzen-demo.json"));
    }

    /** The local run's data: survives restarts, ignored by git. */
    public Path localDataDir() {
        return root.resolve(".anzen");
    }

    private static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build the project first (./mvnw install -DskipTests)");
        }
        return path;
    }
}
