package jp.anzen.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.Servers;
import jp.anzen.servers.postgres.PostgresServer;
import jp.anzen.servers.process.Readiness;

/**
 * The whole suite on one machine: real PostgreSQL, Kafka and Keycloak, then the three services side by
 * side, then the gateway in front of them. Everything binds to 127.0.0.1; closing stops it all.
 */
public final class Stack implements AutoCloseable {

    /** The ports of the local run (README) or, for tests, free ones. */
    public record Ports(int postgres, int kafka, int kafkaController, int keycloak, int requirements, int assessment,
            int reporting, int gateway) {

        public static Ports local() {
            return new Ports(15432, 19092, 19093, 8180, 8081, 8082, 8083, 8080);
        }

        public static Ports free() {
            return new Ports(0, 0, 0, 0, Readiness.freePort(), Readiness.freePort(), Readiness.freePort(),
                    Readiness.freePort());
        }
    }

    private static final Duration SERVICE_START = Duration.ofSeconds(120);

    private final Servers servers;
    private final List<ServiceProcess> services;
    private final ServiceProcess gateway;
    private final Path logs;

    private Stack(Servers servers, List<ServiceProcess> services, ServiceProcess gateway, Path logs) {
        this.servers = servers;
        this.services = new ArrayList<>(services);
        this.gateway = gateway;
        this.logs = logs;
    }

    public static Stack start(ProjectLayout layout, Path workDir, Ports ports, boolean persistent) {
        Servers servers = Servers.start(layout, new Servers.Options(workDir, persistent, true, true, true,
                ports.postgres(), ports.kafka(), ports.kafkaController(), ports.keycloak(), true, "admin"));
        List<ServiceProcess> started = new ArrayList<>();
        try {
            Path logs = workDir.resolve("logs");
            String issuer = servers.keycloak().issuer();
            String kafka = servers.kafka().bootstrapServers();
            var requirements = startAsync(layout, "requirements-service", ports.requirements(),
                    serviceEnv(servers.postgres(), "requirements", kafka, issuer), logs);
            var assessment = startAsync(layout, "assessment-service", ports.assessment(),
                    serviceEnv(servers.postgres(), "assessment", kafka, issuer), logs);
            var reporting = startAsync(layout, "reporting-service", ports.reporting(),
                    serviceEnv(servers.postgres(), "reporting", kafka, issuer), logs);
            List<CompletableFuture<ServiceProcess>> behind = List.of(requirements, assessment, reporting);
            try {
                CompletableFuture.allOf(behind.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                // stop the ones that did start, whenever they finish starting
                behind.forEach(f -> f.thenAccept(ServiceProcess::close));
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            behind.forEach(f -> started.add(f.join()));
            ServiceProcess gateway = ServiceProcess.start(layout.root(), "gateway", ports.gateway(), Map.of(
                    "QUARKUS_OIDC_AUTH_SERVER_URL", issuer,
                    "ANZEN_GATEWAY_UPSTREAM_REQUIREMENTS", started.get(0).url(),
                    "ANZEN_GATEWAY_UPSTREAM_ASSESSMENT", started.get(1).url(),
                    "ANZEN_GATEWAY_UPSTREAM_REPORTING", started.get(2).url()), logs, SERVICE_START);
            return new Stack(servers, started, gateway, logs);
        } catch (RuntimeException | java.io.IOException e) {
            started.forEach(ServiceProcess::close);
            servers.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static CompletableFuture<ServiceProcess> startAsync(ProjectLayout layout, String name, int port,
            Map<String, String> env, Path logs) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceProcess.start(layout.root(), name, port, env, logs, SERVICE_START);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot start " + name, e);
            }
        });
    }

    /** Production reads the same variables: see README, "Pointing Anzen at external servers". */
    private static Map<String, String> serviceEnv(PostgresServer postgres, String database, String kafka, String issuer) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.ensureDatabase(database),
                "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
    }

    /** Stops a service as an operator's restart or an upgrade does (its process ends; it is not killed). */
    public void stop(String name) {
        services.get(indexOf(name)).close();
    }

    /** Starts a stopped service again on the same port with the same settings, and waits until it is ready. */
    public void start(String name) throws java.io.IOException {
        int i = indexOf(name);
        ServiceProcess old = services.get(i);
        services.set(i, ServiceProcess.start(old.projectRoot(), name, old.port(), old.environment(), logs.resolve("restarted"),
                SERVICE_START));
    }

    private int indexOf(String name) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no service " + name);
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public Servers servers() {
        return servers;
    }

    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(services);
        all.add(gateway);
        return all;
    }

    @Override
    public void close() {
        gateway.close();
        services.forEach(ServiceProcess::close);
        servers.close();
    }
}
