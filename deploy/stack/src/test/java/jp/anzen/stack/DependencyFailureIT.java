package jp.anzen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.kafka.KafkaServer;
import jp.anzen.servers.postgres.PostgresServer;
import jp.anzen.servers.process.Readiness;

/**
 * A service never pretends: it refuses to start without its database or Kafka and says which, and its
 * readiness follows a dependency that goes away and comes back. Real servers, stopped and restarted.
 */
class DependencyFailureIT {

    private static final ProjectLayout LAYOUT = ProjectLayout.locate();
    private static final Path WORK = Path.of("target", "dependency-failure").toAbsolutePath();
    // OIDC is not contacted at start; readiness does not depend on it
    private static final String ISSUER = "http://127.0.0.1:1/realms/anzen";

    @Test
    void without_kafka_a_service_says_so_and_exits() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(WORK.resolve("pg-nokafka"), 0, false)) {
            String deadKafka = "127.0.0.1:" + Readiness.freePort();
            ServiceProcess service = ServiceProcess.launch(LAYOUT.root(), "requirements-service", Readiness.freePort(),
                    env(postgres.ensureDatabase("requirements"), deadKafka), WORK.resolve("logs-nokafka"));
            try {
                OptionalInt exit = service.awaitExit(Duration.ofSeconds(90));
                assertThat(exit).as("the service must exit").isPresent();
                assertThat(exit.getAsInt()).isNotZero();
                assertThat(Files.readString(service.logFile())).contains("Kafka at " + deadKafka + " is unreachable");
            } finally {
                service.close();
            }
        }
    }

    @Test
    void without_its_database_a_service_says_so_and_exits() throws Exception {
        int deadPostgres = Readiness.freePort();
        ServiceProcess service = ServiceProcess.launch(LAYOUT.root(), "assessment-service", Readiness.freePort(),
                env(PostgresServer.jdbcUrl(deadPostgres, "assessment"), "127.0.0.1:" + Readiness.freePort()),
                WORK.resolve("logs-nodb"));
        try {
            OptionalInt exit = service.awaitExit(Duration.ofSeconds(90));
            assertThat(exit).as("the service must exit").isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(Files.readString(service.logFile())).contains("127.0.0.1:" + deadPostgres);
        } finally {
            service.close();
        }
    }

    @Test
    void readiness_turns_down_when_kafka_or_the_database_goes_and_up_when_it_returns() throws Exception {
        Path pgData = WORK.resolve("pg-flap");
        Path kafkaData = WORK.resolve("kafka-flap");
        int pgPort = Readiness.freePort();
        int kafkaPort = Readiness.freePort();
        int controllerPort = Readiness.freePort();
        PostgresServer postgres = PostgresServer.start(pgData, pgPort, false);
        KafkaServer kafka = KafkaServer.start(LAYOUT.kafkaLibs(), kafkaData, kafkaPort, controllerPort, false);
        ServiceProcess service = null;
        try {
            service = ServiceProcess.start(LAYOUT.root(), "reporting-service", Readiness.freePort(),
                    env(postgres.ensureDatabase("reporting"), kafka.bootstrapServers()), WORK.resolve("logs-flap"),
                    Duration.ofSeconds(90));
            String ready = service.url() + "/q/health/ready";

            kafka.close();
            awaitReady(ready, false, "after Kafka stopped");
            kafka = KafkaServer.start(LAYOUT.kafkaLibs(), kafkaData, kafkaPort, controllerPort, true);
            awaitReady(ready, true, "after Kafka came back");

            postgres.close();
            awaitReady(ready, false, "after PostgreSQL stopped");
            postgres = PostgresServer.start(pgData, pgPort, true);
            awaitReady(ready, true, "after PostgreSQL came back");
        } finally {
            if (service != null) {
                service.close();
            }
            kafka.close();
            postgres.close();
        }
    }

    private static void awaitReady(String url, boolean expected, String when) {
        try {
            Readiness.await("readiness " + (expected ? "UP" : "DOWN") + " " + when, Duration.ofSeconds(90), () -> {
            }, () -> Readiness.httpOk(url) == expected);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last answer: " + io.restassured.RestAssured.get(url).asString(), e);
        }
    }

    private static Map<String, String> env(String jdbcUrl, String kafka) {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_OIDC_AUTH_SERVER_URL", ISSUER,
                "ANZEN_STARTUP_KAFKA_TIMEOUT", "10s");
    }
}
