package jp.anzen.stack.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.keycloak.RealmAdmin;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.stack.Eventually;
import jp.anzen.stack.Stack;

/**
 * The suite that attacks Anzen on the real servers, through the gateway and at each service directly
 * (zero trust: a service reached directly is exactly as strict): forged and foreign tokens, every role against
 * every operation of the OpenAPI documents naming another tenant's objects, and malformed requests.
 */
class SecurityIT {

    private static final String OWN = "1310000001";
    private static final String OTHER = "2710000099";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;
    private static Tokens tokens;
    private static RealmAdmin realm;
    private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);
    private static String otherAssessment;
    private static String adminExport;

    @BeforeAll
    static void start() {
        stack = Stack.start(ProjectLayout.locate(), Path.of("target", "security").toAbsolutePath(), Stack.Ports.free(), false);
        tokens = new Tokens(stack.servers().keycloak().baseUrl());
        realm = new RealmAdmin(stack.servers().keycloak().baseUrl(), stack.servers().keycloak().adminPassword());
        tokens.createUser(stack.servers().keycloak().adminPassword(), "sec-staff", "facility-staff",
                Map.of("facility_codes", List.of(OWN)));
        String otherVendor = realm.createVendorClient("anzen", "vendor-other-system", "vendor-other");
        TOKENS.put(Caller.ADMIN, tokens.user("demo-admin"));
        TOKENS.put(Caller.EDITOR, tokens.user("demo-editor"));
        TOKENS.put(Caller.NETWORK, tokens.user("demo-network"));
        TOKENS.put(Caller.FACILITY, tokens.user("demo-facility"));
        TOKENS.put(Caller.STAFF, tokens.user("sec-staff"));
        TOKENS.put(Caller.INSPECTOR, tokens.user("demo-inspector"));
        TOKENS.put(Caller.OPS, tokens.user("demo-ops"));
        TOKENS.put(Caller.VENDOR, tokens.clientCredentials("demo-vendor", "demo-vendor-secret"));
        TOKENS.put(Caller.OTHER_VENDOR, tokens.clientCredentials("vendor-other-system", otherVendor));

        // the caller's own facility, and the other tenant: an Osaka hospital in another network, with a form open
        register(OWN, "13", "net-demo", Caller.FACILITY);
        register(OTHER, "27", "net-other", Caller.ADMIN);
        tokens.createUser(stack.servers().keycloak().adminPassword(), "sec-other-manager", "facility-manager",
                Map.of("facility_codes", List.of(OTHER)));
        String otherManager = tokens.user("sec-other-manager");
        otherAssessment = Eventually.answers(Duration.ofSeconds(60), () -> given().auth().oauth2(otherManager)
                .contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"mhlw-checklist-institution\",\"version\":\"2025\",\"fiscalYear\":2025}")
                .post(stack.gatewayUrl() + "/api/facilities/" + OTHER + "/assessments"), 201).path("id");
        Eventually.answers(Duration.ofSeconds(60),
                () -> as(Caller.ADMIN).get(stack.gatewayUrl() + "/api/reports/facilities/" + OTHER + "/readiness"), 200);
        String location = as(Caller.ADMIN).post(stack.gatewayUrl() + "/api/reports/prefectures/27/summary/exports")
                .then().statusCode(202).extract().header("Location");
        adminExport = location.substring(location.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The reporting service authorises from its projection, so a revoked network or vendor is refused there once the
     * revocation is projected: measured here from the revocation's answer to the first refusal, bounded by 30 s.
     */
    @Test
    void a_revoked_network_or_vendor_is_refused_by_the_reports_within_the_projection_lag() {
        String code = "1310000094";
        register(code, "13", "net-demo", Caller.ADMIN);
        tokens.createUser(stack.servers().keycloak().adminPassword(), "sec-revoking-manager", "facility-manager",
                Map.of("facility_codes", List.of(code)));
        String manager = tokens.user("sec-revoking-manager");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"systems\":[\"電子カルテ\"]}")
                .post(stack.gatewayUrl() + "/api/facilities/" + code + "/vendor-contracts/vendor-demo").then().statusCode(200);
        String readiness = stack.gatewayUrl() + "/api/reports/facilities/" + code + "/readiness";
        Eventually.answers(Duration.ofSeconds(60), () -> as(Caller.NETWORK).get(readiness), 200);
        Eventually.answers(Duration.ofSeconds(60), () -> as(Caller.VENDOR).get(readiness), 200);

        long network = untilRefused(() -> as(Caller.NETWORK).delete(stack.gatewayUrl() + "/api/facilities/" + code
                + "/networks/net-demo").then().statusCode(204), Caller.NETWORK, readiness);
        long contract = untilRefused(() -> given().auth().oauth2(manager).delete(stack.gatewayUrl() + "/api/facilities/" + code
                + "/vendor-contracts/vendor-demo").then().statusCode(204), Caller.VENDOR, readiness);
        System.out.printf("Revocation to refusal in the reports: network %d ms, vendor contract %d ms%n", network, contract);
    }

    /** Milliseconds from the revocation's answer until the caller is refused the report (404, as for any other). */
    private static long untilRefused(Runnable revoke, Caller caller, String url) {
        revoke.run();
        long revoked = System.nanoTime();
        while (as(caller).get(url).statusCode() != 404) {
            assertThat(System.nanoTime() - revoked).as("refused within 30 s of the revocation").isLessThan(30_000_000_000L);
        }
        return (System.nanoTime() - revoked) / 1_000_000;
    }

    @Test
    void the_matrix_names_exactly_the_operations_of_the_openapi_documents() throws Exception {
        JsonNode document = JSON.readTree(given().get(stack.gatewayUrl() + "/api-docs/openapi.json").then().statusCode(200)
                .extract().asString());
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (Set.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                documented.add(method.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        Set<String> known = new TreeSet<>();
        OperationMatrix.OPERATIONS.forEach(op -> known.add(op.key()));
        assertThat(known).as("operations in OperationMatrix vs the OpenAPI documents").isEqualTo(documented);
    }

    @Test
    void every_role_is_refused_the_objects_of_another_tenant_through_the_gateway_and_directly() {
        long historyBefore = otherHistory();
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        int operations = 0;
        for (Operation op : OperationMatrix.OPERATIONS) {
            operations += op.refused().isEmpty() ? 0 : 1;
            for (Caller caller : op.refused()) {
                for (String base : List.of(stack.gatewayUrl(), serviceFor(op.path()))) {
                    Response response = call(as(caller), base, op);
                    cases++;
                    int status = response.statusCode();
                    if ((status != 403 && status != 404) || !response.contentType().startsWith("application/problem+json")) {
                        wrong.add(caller + " " + op.method() + " " + base + fill(op.path()) + " -> " + status + " "
                                + response.asString());
                    }
                }
            }
        }
        System.out.printf("Refusal matrix: %d roles x %d operations (of %d) x 2 entrances = %d cases, %d wrong%n",
                Caller.values().length, operations, OperationMatrix.OPERATIONS.size(), cases, wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(otherHistory()).as("events of the other facility after the refused writes").isEqualTo(historyBefore);
    }

    @Test
    void listings_and_vendor_pushes_never_reach_another_tenant() {
        for (Caller caller : List.of(Caller.FACILITY, Caller.STAFF, Caller.NETWORK, Caller.INSPECTOR, Caller.VENDOR,
                Caller.OTHER_VENDOR, Caller.EDITOR)) {
            String listing = as(caller).get(stack.gatewayUrl() + "/api/facilities").then().statusCode(200).extract().asString();
            assertThat(listing).as("facilities listed to " + caller).doesNotContain(OTHER);
        }
        for (Caller vendor : List.of(Caller.VENDOR, Caller.OTHER_VENDOR)) {
            Operation push = OperationMatrix.OPERATIONS.stream().filter(o -> o.key().equals("POST /api/vendor/answers"))
                    .findFirst().orElseThrow();
            as(vendor).header("Idempotency-Key", "sec-" + UUID.randomUUID()).contentType(ContentType.JSON).body(push.body())
                    .post(stack.gatewayUrl() + "/api/vendor/answers")
                    .then().statusCode(200)
                    .body("facilitiesStored", org.hamcrest.Matchers.equalTo(0))
                    .body("facilitiesRefused", org.hamcrest.Matchers.equalTo(1))
                    .body("answersStored", org.hamcrest.Matchers.equalTo(0));
        }
    }

    @Test
    void no_token_forged_expired_or_foreign_tokens_get_401_and_change_nothing() throws Exception {
        String shortLived = realm.createServiceClient("anzen", "sec-short-lived", "facility-manager", true,
                Map.of("facility_codes", OWN), 1);
        String expired = tokens.clientCredentials("sec-short-lived", shortLived);
        String noAudience = tokens.clientCredentials("sec-no-audience", realm.createServiceClient("anzen", "sec-no-audience",
                "facility-manager", false, Map.of("facility_codes", OWN), null));
        realm.createRealm("elsewhere", List.of("facility-manager"));
        String elsewhere = tokens.clientCredentials("elsewhere", "sec-elsewhere", realm.createServiceClient("elsewhere",
                "sec-elsewhere", "facility-manager", true, Map.of("facility_codes", OWN), null));
        String valid = TOKENS.get(Caller.FACILITY);
        Map<String, String> attacks = new java.util.LinkedHashMap<>();
        attacks.put("expired", expired);
        attacks.put("signed by another key", resigned(valid));
        attacks.put("alg none", unsigned(valid));
        attacks.put("of another realm", elsewhere);
        attacks.put("without the anzen-api audience", noAudience);
        attacks.put("with a tampered claim", tampered(valid));
        attacks.put("not a JWT", "not-a-token");
        Thread.sleep(2_500); // the short-lived token is now past its one-second lifespan
        long historyBefore = ownHistory();
        List<String> wrong = new ArrayList<>();
        for (var attack : attacks.entrySet()) {
            for (String base : List.of(stack.gatewayUrl(), serviceFor("/api/facilities"))) {
                Response read = given().auth().oauth2(attack.getValue()).get(base + "/api/facilities/" + OWN);
                Response write = given().auth().oauth2(attack.getValue()).contentType(ContentType.JSON)
                        .body("{\"services\":[]}").put(base + "/api/facilities/" + OWN + "/services");
                for (Response r : List.of(read, write)) {
                    if (r.statusCode() != 401 || !r.contentType().startsWith("application/problem+json")) {
                        wrong.add(attack.getKey() + " at " + base + " -> " + r.statusCode());
                    }
                }
            }
            Response report = given().auth().oauth2(attack.getValue())
                    .get(serviceFor("/api/reports") + "/api/reports/facilities/" + OWN + "/readiness");
            if (report.statusCode() != 401) {
                wrong.add(attack.getKey() + " at reporting-service -> " + report.statusCode());
            }
        }
        for (String base : List.of(stack.gatewayUrl(), serviceFor("/api/facilities"))) {
            given().contentType(ContentType.JSON).body("{\"services\":[]}").put(base + "/api/facilities/" + OWN + "/services")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        assertThat(wrong).isEmpty();
        assertThat(ownHistory()).as("events of the facility after the refused writes").isEqualTo(historyBefore);
    }

    @Test
    void after_the_realm_rotates_its_signing_key_new_tokens_are_accepted_everywhere_without_a_restart() throws Exception {
        String before = tokens.user("demo-ops");
        realm.rotateSigningKey("anzen", "rotated-" + UUID.randomUUID());
        String after = tokens.user("demo-ops");
        assertThat(kid(after)).as("the new token's key").isNotEqualTo(kid(before));
        for (String base : List.of(stack.gatewayUrl(), serviceFor("/api/reports"))) {
            given().auth().oauth2(after).get(base + "/api/reports/facilities/" + OWN + "/readiness").then().statusCode(200);
            // tokens issued before the rotation stay valid until they expire
            given().auth().oauth2(before).get(base + "/api/reports/facilities/" + OWN + "/readiness").then().statusCode(200);
        }
    }

    private static String kid(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).get("kid").asText();
    }

    @Test
    void malformed_requests_are_problems_and_never_a_500() {
        String manager = TOKENS.get(Caller.FACILITY);
        List<String> wrong = new ArrayList<>();
        for (String base : List.of(stack.gatewayUrl(), serviceFor("/api/facilities"))) {
            expect(wrong, base + " malformed JSON", given().auth().oauth2(manager).contentType(ContentType.JSON)
                    .body("{\"services\": [").put(base + "/api/facilities/" + OWN + "/services"), 400, true);
            expect(wrong, base + " wrong content type", given().auth().oauth2(manager).contentType("text/plain")
                    .body("services").put(base + "/api/facilities/" + OWN + "/services"), 415, true);
            expect(wrong, base + " traversal", given().auth().oauth2(manager).urlEncodingEnabled(false)
                    .get(base + "/api/facilities/..%2F..%2Fq%2Fhealth"), base.equals(stack.gatewayUrl()) ? 400 : 404, true);
            expect(wrong, base + " script in an id", given().auth().oauth2(manager)
                    .get(base + "/api/facilities/<script>alert(1)</script>"), 404, true);
            String oversized = declaredOversizedBody(base, TOKENS.get(Caller.VENDOR));
            if (!oversized.startsWith("HTTP/1.1 413")) {
                wrong.add(base + " oversized body -> " + oversized);
            }
            // Netty answers headers over the service's limit itself (a bare 431); the gateway answers a problem
            expect(wrong, base + " long headers", given().auth().oauth2(manager).header("X-Padding", "a".repeat(40_000))
                    .get(base + "/api/facilities/" + OWN), 431, base.equals(stack.gatewayUrl()));
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Declares a body one byte over 10 MiB and sends none of it: the refusal must come from the declared length,
     * before a byte is read (and a client sending that much would only learn it after a broken pipe).
     */
    private static String declaredOversizedBody(String base, String token) {
        java.net.URI uri = java.net.URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/vendor/answers HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nAuthorization: Bearer "
                    + token + "\r\nIdempotency-Key: sec-big\r\nContent-Type: application/json\r\nContent-Length: "
                    + (10 * 1024 * 1024 + 1) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder head = new StringBuilder(reader.readLine());
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                head.append(" | ").append(line);
            }
            return head.toString();
        } catch (java.io.IOException e) {
            return "no answer: " + e;
        }
    }

    private static void expect(List<String> wrong, String what, Response response, int status, boolean problem) {
        if (response.statusCode() != status || problem && !response.contentType().startsWith("application/problem+json")) {
            wrong.add(what + " -> " + response.statusCode() + " " + response.contentType());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static RequestSpecification as(Caller caller) {
        return given().auth().oauth2(TOKENS.get(caller));
    }

    private static Response call(RequestSpecification request, String base, Operation op) {
        if (op.body() != null) {
            request = request.contentType(ContentType.JSON).body(op.body());
        }
        if (op.path().equals("/api/vendor/answers")) {
            request = request.header("Idempotency-Key", "sec-" + UUID.randomUUID());
        }
        return request.request(op.method(), base + fill(op.path()));
    }

    /** The other tenant's objects, by parameter (and, for the ambiguous {id}, by what it names). */
    private static String fill(String path) {
        String filled = path.replace("/assessments/{id}", "/assessments/" + otherAssessment)
                .replace("/mapping-sets/{id}", "/mapping-sets/edition:mhlw-checklist-institution:2024--2025")
                .replace("/service-profiles/{id}", "/service-profiles/example-cloud-ehr")
                .replace("/rebuilds/{id}", "/rebuilds/" + UUID.randomUUID())
                .replace("/dead-letters/{id}", "/dead-letters/" + UUID.randomUUID())
                .replace("{frameworkId}", "mhlw-checklist-institution").replace("{version}", "2025")
                .replace("{requirementId}", "mhlw-checklist-institution:2025:1-1")
                .replace("{code}", OTHER).replace("{assessmentId}", otherAssessment).replace("{round}", "1")
                .replace("{networkId}", "net-other").replace("{vendorId}", "vendor-demo").replace("{exportId}", adminExport);
        assertThat(filled).as("every path parameter has a value in SecurityIT.fill").doesNotContain("{");
        return filled;
    }

    private static String serviceFor(String path) {
        String service = path.startsWith("/api/catalogue") ? "requirements-service"
                : path.startsWith("/api/reports") ? "reporting-service" : "assessment-service";
        return stack.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().url();
    }

    private static void register(String code, String prefecture, String network, Caller by) {
        as(by).contentType(ContentType.JSON).body("""
                {"code":"%s","name":"安全病院%s","kind":"hospital","prefecture":"%s","beds":100,
                 "hasMedicalInformationSystem":true,"networkId":"%s"}""".formatted(code, code, prefecture, network))
                .post(stack.gatewayUrl() + "/api/facilities").then().statusCode(201);
    }

    private static long otherHistory() {
        return history(OTHER);
    }

    private static long ownHistory() {
        return history(OWN);
    }

    private static long history(String code) {
        return ((Number) as(Caller.ADMIN).queryParam("size", 200).get(stack.gatewayUrl() + "/api/facilities/" + code + "/history")
                .then().statusCode(200).extract().path("items.size()")).longValue();
    }

    private static String resigned(String token) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        jws.setKey(other.getPrivateKey());
        jws.setKeyIdHeaderValue(header.get("kid").asText()); // poses as the realm's own key
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    /** The manager's token with the other facility put in its claims; the realm's signature left as it was. */
    private static String tampered(String token) throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.putArray("facility_codes").add(OWN).add(OTHER);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims))
                + "." + parts[2];
    }
}
