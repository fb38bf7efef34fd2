package jp.anzen.stack;

import java.nio.file.Path;
import java.util.List;

import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.Servers;
import jp.anzen.servers.process.Directories;

/**
 * The one-command local run: real servers and the four services on 127.0.0.1, data under .anzen/ (kept
 * between runs). Ctrl-C stops everything.
 *
 * <pre>
 *   --wipe          delete the local data first (users, catalogue, answers, Kafka topics)
 *   --servers-only  start PostgreSQL, Kafka and Keycloak only (to rerun the services' tests fast against them)
 * </pre>
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        // the Kafka and Keycloak clients in this launcher log through slf4j: warnings only
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> options = List.of(args);
        for (String option : options) {
            if (!option.equals("--wipe") && !option.equals("--servers-only")) {
                System.err.println("unknown option " + option + "; use --wipe and/or --servers-only");
                System.exit(2);
            }
        }
        ProjectLayout layout = ProjectLayout.locate();
        Path data = layout.localDataDir();
        if (options.contains("--wipe")) {
            System.out.println("Wiping " + data);
            Directories.deleteTree(data);
        }
        long began = System.nanoTime();
        Stack.Ports ports = Stack.Ports.local();
        AutoCloseable running;
        if (options.contains("--servers-only")) {
            Servers servers = Servers.start(layout, new Servers.Options(data, true, true, true, true, ports.postgres(),
                    ports.kafka(), ports.kafkaController(), ports.keycloak(), true, "admin"));
            running = servers;
            printServers(servers, began);
        } else {
            Stack stack = Stack.start(layout, data, ports, true);
            running = stack;
            printStack(stack, began, data);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Anzen...");
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }, "stop-anzen"));
        Thread.currentThread().join();
    }

    private static void printServers(Servers servers, long began) {
        System.out.printf("%nServers ready in %.1f s. To rerun the services' tests against them:%n",
                (System.nanoTime() - began) / 1e9);
        System.out.println("  export ANZEN_TEST_POSTGRES=" + servers.postgres().jdbcUrl("postgres"));
        System.out.println("  export ANZEN_TEST_KAFKA=" + servers.kafka().bootstrapServers());
        System.out.println("  export ANZEN_TEST_KEYCLOAK=" + servers.keycloak().baseUrl());
        System.out.println("  export ANZEN_TEST_KEYCLOAK_ADMIN_PASSWORD=admin");
        System.out.println("Ctrl-C stops them.");
    }

    private static void printStack(Stack stack, long began, Path data) {
        Servers servers = stack.servers();
        System.out.printf("%nAnzen is up in %.1f s (Ctrl-C stops everything)%n%n", (System.nanoTime() - began) / 1e9);
        System.out.println("  Gateway (the API)    " + stack.gatewayUrl() + "/api/...");
        for (ServiceProcess service : stack.services()) {
            System.out.printf("  %-20s %s  (health %s/q/health%s)%n", service.name(), service.url(), service.url(),
                    service.name().equals("gateway") ? "" : ", OpenAPI " + service.url() + "/q/openapi");
        }
        System.out.println("  Keycloak            " + servers.keycloak().baseUrl() + "  (admin console: admin / admin)");
        System.out.println("  PostgreSQL          " + servers.postgres().jdbcUrl("<service>") + "  (postgres / postgres)");
        System.out.println("  Kafka               " + servers.kafka().bootstrapServers());
        System.out.println();
        System.out.println("  Demo logins (password anzen-demo, client anzen-cli): demo-admin, demo-editor,");
        System.out.println("    demo-network (net-demo), demo-facility (1310000001), demo-inspector (13), demo-ops");
        System.out.println("  Vendor client: demo-vendor / demo-vendor-secret (client credentials, vendor-demo)");
        System.out.println();
        System.out.println("  Try: TOKEN=$(curl -s -d grant_type=password -d client_id=anzen-cli -d username=demo-facility \\");
        System.out.println("         -d password=anzen-demo " + servers.keycloak().issuer() + "/protocol/openid-connect/token \\");
        System.out.println("         | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("       curl -H \"Authorization: Bearer $TOKEN\" " + stack.gatewayUrl() + "/api/catalogue/frameworks");
        System.out.println();
        System.out.println("  Data and logs: " + data + " (logs/ for the services, */*.log for the servers)");
    }
}
