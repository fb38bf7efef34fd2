package jp.anzen.reporting.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start without Kafka: the messaging connector would otherwise retry quietly and the service
 * would look alive while nothing flows. (Without its database the service already stops, in Flyway.)
 */
@ApplicationScoped
public class KafkaReachable {

    void check(@Observes @Priority(1) StartupEvent start,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "anzen.startup.kafka-timeout", defaultValue = "30s") Duration timeout) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " is unreachable (waited "
                    + timeout.toSeconds() + " s); set KAFKA_BOOTSTRAP_SERVERS to a running broker", e);
        }
    }
}
