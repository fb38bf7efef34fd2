package jp.anzen.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jp.anzen.servers.kafka.KafkaServer;
import jp.anzen.servers.keycloak.KeycloakServer;
import jp.anzen.servers.postgres.PostgresServer;

/**
 * Starts the real servers Anzen needs, side by side (Keycloak's start dominates), and stops them all.
 * If one fails to start, those already started are stopped before the error is thrown.
 */
public final class Servers implements AutoCloseable {

    /**
     * What to start and where. Port 0 picks a free port. {@code persistent} keeps data between starts
     * (the local run); otherwise every start is from scratch (tests).
     */
    public record Options(Path workDir, boolean persistent, boolean postgres, boolean kafka, boolean keycloak,
            int postgresPort, int kafkaPort, int kafkaControllerPort, int keycloakPort, boolean withDemo,
            String keycloakAdminPassword) {

        public static Options forTests(Path workDir, boolean postgres, boolean kafka, boolean keycloak) {
            return new Options(workDir, false, postgres, kafka, keycloak, 0, 0, 0, 0, true, "admin");
        }
    }

    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final KeycloakServer keycloak;

    private Servers(PostgresServer postgres, KafkaServer kafka, KeycloakServer keycloak) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.keycloak = keycloak;
    }

    public static Servers start(ProjectLayout layout, Options options) {
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + options.workDir(), e);
        }
        Path work = options.workDir();
        CompletableFuture<PostgresServer> pg = options.postgres()
                ? CompletableFuture.supplyAsync(() -> unchecked(() -> PostgresServer.start(work.resolve("postgres"),
                        options.postgresPort(), options.persistent())))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<KafkaServer> kafka = options.kafka()
                ? CompletableFuture.supplyAsync(() -> unchecked(() -> KafkaServer.start(layout.kafkaLibs(),
                        work.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort(), options.persistent())))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<KeycloakServer> keycloak = options.keycloak()
                ? CompletableFuture.supplyAsync(() -> unchecked(() -> KeycloakServer.start(layout.keycloakHome(),
                        layout.realmFile(), layout.demoRealmFile(), work.resolve("keycloak"), options.keycloakPort(),
                        options.persistent(), options.withDemo(), options.keycloakAdminPassword())))
                : CompletableFuture.completedFuture(null);
        try {
            CompletableFuture.allOf(pg, kafka, keycloak).join();
        } catch (CompletionException e) {
            // stop whatever did start before reporting what did not
            List.of(pg, kafka, keycloak).forEach(f -> f.thenAccept(Servers::closeQuietly));
            throw new IllegalStateException("could not start the servers: " + e.getCause().getMessage(), e.getCause());
        }
        return new Servers(pg.join(), kafka.join(), keycloak.join());
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(keycloak);
        all.add(kafka);
        all.add(postgres);
        all.forEach(Servers::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("could not stop " + server + ": " + e);
        }
    }

    private interface IoSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
