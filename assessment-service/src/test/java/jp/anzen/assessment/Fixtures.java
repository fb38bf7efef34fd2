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
    public static final String VENDOR_FORM = "test-vendor-form";
    public static final String VENDOR_ITEM = VENDOR_FORM + ":2025:v-1";
    public static final String PROFILE = "test-profile";

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
     * Publishes small checklist versions, an edition mapping, a vendor form and a service profile on
     * catalogue-events, as the requirements service does, and waits until the replica has them.
     */
    public static synchronized void catalogueVersionPublished() throws Exception {
        CatalogueReplica replica = Arc.container().instance(CatalogueReplica.class).get();
        // both, not the version alone: on a reused broker the version can come back from an earlier run's events
        // before that run's profile does, and a test reading the profile would race it
        if (replica.version(FRAMEWORK, VERSION).isPresent() && replica.profilePublished(PROFILE, "1")) {
            return;
        }
        String fy2024 = """
                {"frameworkId":"test-checklist","frameworkKind":"checklist","version":"2024","fiscalYear":2024,"requirements":[
                  {"id":"test-checklist:2024:1-1","kind":"item","number":"1-(1)","facilityKinds":["hospital","clinic"]},
                  {"id":"test-checklist:2024:2-5","kind":"item","number":"2-(5)","facilityKinds":["hospital","clinic"]}]}""";
        String vendorForm = """
                {"frameworkId":"test-vendor-form","frameworkKind":"checklist","version":"2025","fiscalYear":2025,"requirements":[
                  {"id":"test-vendor-form:2025:v-1","kind":"item","number":"2①","facilityKinds":[]},
                  {"id":"test-vendor-form:2025:v-2","kind":"item","number":"2②","facilityKinds":[]}]}""";
        String equivalence = """
                {"id":"edition:test-checklist:2024--test-checklist:2025","kind":"edition","mappings":[
                  {"fromRequirement":"test-checklist:2024:1-1","toRequirement":"test-checklist:2025:1-1","relation":"equivalent"},
                  {"fromRequirement":"test-checklist:2024:2-5","toRequirement":"test-checklist:2025:2-7","relation":"changed"}]}""";
        String profile = """
                {"id":"test-profile","version":"1","provider":"テスト事業者","example":true,"frameworkId":"test-checklist",
                 "frameworkVersion":"2025","entries":[{"requirementId":"test-checklist:2025:2-7","responsibility":"provider",
                 "note":"the service enforces the password rule"}]}""";
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
            // in the order the catalogue publishes them, on one partition (same key): the profile comes last
            send(producer, FRAMEWORK, "framework-version-published", FRAMEWORK + "/2024", fy2024);
            send(producer, FRAMEWORK, "framework-version-published", FRAMEWORK + "/" + VERSION, event);
            send(producer, FRAMEWORK, "framework-version-published", VENDOR_FORM + "/2025", vendorForm);
            send(producer, FRAMEWORK, "mapping-set-published", "edition:test-checklist:2024--test-checklist:2025", equivalence);
            send(producer, FRAMEWORK, "service-profile-published", "service-profile/test-profile/1", profile);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replica.version(FRAMEWORK, VERSION).isEmpty() || !replica.profilePublished(PROFILE, "1")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the catalogue replica did not receive the published version");
            }
            Thread.sleep(100);
        }
    }

    public static final String COMBINED_FORM = "test-combined-form";
    public static final String PHARMACY_FORM = "test-pharmacy-form";

    /**
     * A combined form for FY2026 authored from two FY2025 forms, as the catalogue publishes it: the version, then one
     * derived edition mapping from each source form (the institution's {@link #FRAMEWORK} and {@link #PHARMACY_FORM}).
     * Item 1-1 is equivalent in both; 2-7 changed.
     */
    public static synchronized void combinedFormPublished() throws Exception {
        catalogueVersionPublished();
        CatalogueReplica replica = Arc.container().instance(CatalogueReplica.class).get();
        if (replica.version(COMBINED_FORM, "2026").isPresent()) {
            return;
        }
        String pharmacy = """
                {"frameworkId":"test-pharmacy-form","frameworkKind":"checklist","version":"2025","fiscalYear":2025,"requirements":[
                  {"id":"test-pharmacy-form:2025:1-1","kind":"item","number":"1①","facilityKinds":["pharmacy"]},
                  {"id":"test-pharmacy-form:2025:2-7","kind":"item","number":"2⑦","facilityKinds":["pharmacy"]}]}""";
        String combined = """
                {"frameworkId":"test-combined-form","frameworkKind":"checklist","version":"2026","fiscalYear":2026,
                 "provisional":true,"provisionalReason":"wording not seen","requirements":[
                  {"id":"test-combined-form:2026:1-1","kind":"item","number":"1①","facilityKinds":["hospital","clinic","pharmacy"]},
                  {"id":"test-combined-form:2026:2-7","kind":"item","number":"2⑦","facilityKinds":["hospital","clinic","pharmacy"]}]}""";
        String fromInstitution = """
                {"id":"edition:test-checklist:2025--test-combined-form:2026","kind":"edition","mappings":[
                  {"fromRequirement":"test-checklist:2025:1-1","toRequirement":"test-combined-form:2026:1-1","relation":"equivalent"},
                  {"fromRequirement":"test-checklist:2025:2-7","toRequirement":"test-combined-form:2026:2-7","relation":"changed"}]}""";
        String fromPharmacy = """
                {"id":"edition:test-pharmacy-form:2025--test-combined-form:2026","kind":"edition","mappings":[
                  {"fromRequirement":"test-pharmacy-form:2025:1-1","toRequirement":"test-combined-form:2026:1-1","relation":"equivalent"},
                  {"fromRequirement":"test-pharmacy-form:2025:2-7","toRequirement":"test-combined-form:2026:2-7","relation":"changed"}]}""";
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            send(producer, COMBINED_FORM, "framework-version-published", PHARMACY_FORM + "/2025", pharmacy);
            send(producer, COMBINED_FORM, "mapping-set-published", "edition:test-checklist:2025--test-combined-form:2026",
                    fromInstitution);
            send(producer, COMBINED_FORM, "mapping-set-published", "edition:test-pharmacy-form:2025--test-combined-form:2026",
                    fromPharmacy);
            send(producer, COMBINED_FORM, "framework-version-published", COMBINED_FORM + "/2026", combined);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replica.version(COMBINED_FORM, "2026").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the catalogue replica did not receive the combined form");
            }
            Thread.sleep(100);
        }
    }

    /** One catalogue event, as the requirements service writes it. */
    public static void catalogueEvent(String key, String type, String subject, String data) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            send(producer, key, type, subject, data);
        }
    }

    private static void send(KafkaProducer<String, String> producer, String key, String type, String subject, String data)
            throws Exception {
        var record = new ProducerRecord<>("catalogue-events", key, data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "urn:anzen:requirements-service");
        header(record, "ce_type", "jp.anzen.catalogue." + type + ".v1");
        header(record, "ce_subject", subject);
        header(record, "content-type", "application/json");
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    /** The demo vendor system's token (client credentials; the realm sets vendor_id=vendor-demo). */
    public static String vendor() {
        return keycloak().clientCredentials("demo-vendor", "demo-vendor-secret");
    }

    public static String staffOf(String username, String... facilityCodes) {
        keycloak().createUser(adminPassword(), username, "facility-staff", Map.of("facility_codes", List.of(facilityCodes)));
        return keycloak().user(username);
    }

    /** Registers a hospital as its manager; returns the manager's token. */
    public static String registeredHospital(String code) {
        return registered(code, "hospital", "試験病院");
    }

    /** Registers a pharmacy as its manager; returns the manager's token. */
    public static String registeredPharmacy(String code) {
        return registered(code, "pharmacy", "試験薬局");
    }

    private static String registered(String code, String kind, String name) {
        String token = managerOf("manager-" + code, code);
        io.restassured.RestAssured.given().auth().oauth2(token).contentType("application/json")
                .body("{\"code\":\"%s\",\"name\":\"%s\",\"kind\":\"%s\",\"prefecture\":\"%s\",\"hasMedicalInformationSystem\":true}"
                        .formatted(code, name, kind, code.substring(0, 2)))
                .when().post("/api/facilities").then().statusCode(201);
        return token;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
