package jp.anzen.assessment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/** Given-steps shared by the tests: tokens, users and a published catalogue version. */
public final class Fixtures {

    public static final String FRAMEWORK = "test-checklist";
    public static final String VERSION = "2025";
    public static final String ITEM_MANAGER = FRAMEWORK + ":2025:1-1";
    public static final String ITEM_PASSWORD = FRAMEWORK + ":2025:2-7";
    public static final String ITEM_PHARMACY_ONLY = FRAMEWORK + ":2025:9-1";
    public static final String DEMO_FACILITY = "1310000001";

    private Fixtures() {
    }

    public static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }

    public static String token(String demoUser) {
        return keycloak().user(demoUser);
    }

    /** A facility manager of the given facilities, created in the real realm; returns a token. */
    public static String managerOf(String username, String... facilityCodes) {
        keycloak().createUser(adminPassword(), username, "facility-manager", Map.of("facility_codes", List.of(facilityCodes)));
        return keycloak().user(username);
    }

    public static String networkOperator(String username, String networkId) {
        keycloak().createUser(adminPassword(), username, "network-operator", Map.of("network_ids", List.of(networkId)));
        return keycloak().user(username);
    }

    private static String adminPassword() {
        return ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_ADMIN_PASSWORD, String.class);
    }

    /**
     * Publishes a small checklist version on catalogue-events, as the requirements service does, and waits
     * until the replica has it.
     */
    public static synchronized void catalogueVersionPublished() throws Exception {
        CatalogueReplica replica = Arc.container().instance(CatalogueReplica.class).get();
        if (replica.version(FRAMEWORK, VERSION).isPresent()) {
            return;
        }
        String event = """
                {"frameworkId":"test-checklist","frameworkKind":"checklist","frameworkTitleJa":"テスト","frameworkTitleEn":"Test",
                 "version":"2025","fiscalYear":2025,"titleJa":"令和7年度版","titleEn":"FY2025",
                 "requirements":[
                  {"id":"test-checklist:2025:1","kind":"group","number":"1","facilityKinds":[]},
                  {"id":"test-checklist:2025:1-1","parentId":"test-checklist:2025:1","kind":"item","number":"1①",
                   "facilityKinds":["hospital","clinic","dental-clinic","midwifery-home"]},
                  {"id":"test-checklist:2025:2-7","kind":"item","number":"2⑦","facilityKinds":["hospital","clinic","dental-clinic","midwifery-home"]},
                  {"id":"test-checklist:2025:9-1","kind":"item","number":"9①","facilityKinds":["pharmacy"]}]}""";
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            var record = new ProducerRecord<>("catalogue-events", FRAMEWORK, event);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_source", "urn:anzen:requirements-service");
            header(record, "ce_type", "jp.anzen.catalogue.framework-version-published.v1");
            header(record, "ce_subject", FRAMEWORK + "/" + VERSION);
            header(record, "content-type", "application/json");
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replica.version(FRAMEWORK, VERSION).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the catalogue replica did not receive the published version");
            }
            Thread.sleep(100);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
