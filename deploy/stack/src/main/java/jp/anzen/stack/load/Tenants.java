package jp.anzen.stack.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.anzen.servers.keycloak.KeycloakServer;
import jp.anzen.servers.keycloak.RealmAdmin;
import jp.anzen.servers.keycloak.Tokens;

/**
 * The load's tenants, created through the gateway with real tokens the way an operator would: N facilities
 * across five prefectures and four networks, M vendor systems each with its own confidential client, a
 * contract per facility with one of them (round robin), and every facility's institution form open.
 */
final class Tenants {

    static final String VENDOR_FORM = "mhlw-checklist-vendor";
    static final String INSTITUTION_FORM = "mhlw-checklist-institution";
    static final List<String> VENDOR_ITEMS = List.of("1-1", "2-1", "2-2", "2-3", "2-4-server", "2-4-pc",
            "2-5-server", "2-5-pc", "2-6", "2-7", "2-8", "2-11");
    private static final List<String> PREFECTURES = List.of("13", "27", "01", "14", "23");
    static final List<String> NETWORKS = List.of("net-load-a", "net-load-b", "net-load-c", "net-load-d");

    record Vendor(String vendorId, String clientId, String secret, List<String> facilities) {
    }

    final List<String> codes = new ArrayList<>();
    final List<Vendor> vendors = new ArrayList<>();
    /** Path of each facility's institution assessment (the same path directly and through the gateway). */
    final List<String> institutionAssessments = new ArrayList<>();
    private final Tokens tokens;
    /** Access tokens live 5 minutes in the realm; a run is longer, so each is fetched again after 2. */
    private final Map<String, Map.Entry<String, Long>> cached = new java.util.concurrent.ConcurrentHashMap<>();

    private Tenants(Tokens tokens) {
        this.tokens = tokens;
    }

    String adminToken() {
        return cachedToken("user:demo-admin", () -> tokens.user("demo-admin"));
    }

    String managerToken() {
        return cachedToken("user:load-manager", () -> tokens.user("load-manager"));
    }

    String vendorToken(Vendor vendor) {
        return cachedToken("client:" + vendor.clientId(), () -> tokens.clientCredentials(vendor.clientId(), vendor.secret()));
    }

    String token(String user) {
        return cachedToken("user:" + user, () -> tokens.user(user));
    }

    private String cachedToken(String key, java.util.function.Supplier<String> fetch) {
        long now = System.nanoTime();
        var entry = cached.get(key);
        if (entry == null || now - entry.getValue() > TimeUnit.MINUTES.toNanos(2)) {
            entry = Map.entry(fetch.get(), now);
            cached.put(key, entry);
        }
        return entry.getKey();
    }

    static Tenants create(Http http, String gateway, String keycloak, String adminPassword, int facilities, int vendorCount)
            throws Exception {
        Tokens tokens = new Tokens(keycloak);
        RealmAdmin realm = new RealmAdmin(keycloak, adminPassword);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < facilities; i++) {
            // point-table digit 1 (medical) and kind hospital; one of five prefectures
            codes.add(PREFECTURES.get(i % PREFECTURES.size()) + "1" + String.format("%07d", 2_000_000 + i));
        }
        tokens.createUser(adminPassword, "load-manager", "facility-manager", Map.of("facility_codes", codes));
        Tenants t = new Tenants(tokens);
        String admin = t.adminToken();
        String manager = t.managerToken();
        t.codes.addAll(codes);
        for (int v = 0; v < vendorCount; v++) {
            String vendorId = "vendor-load-" + v;
            String secret = realm.createVendorClient(KeycloakServer.REALM, "load-system-" + v, vendorId);
            t.vendors.add(new Vendor(vendorId, "load-system-" + v, secret, new ArrayList<>()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                Vendor vendor = t.vendors.get(i % t.vendors.size());
                vendor.facilities().add(code);
                String prefecture = code.substring(0, 2);
                String network = NETWORKS.get(i % NETWORKS.size());
                opened.add(pool.submit(() -> {
                    http.expect("POST", gateway + "/api/facilities", admin, """
                            {"code":"%s","name":"負荷試験病院%s","kind":"hospital","prefecture":"%s","beds":120,
                             "hasMedicalInformationSystem":true,"networkId":"%s"}""".formatted(code, code, prefecture, network), 201);
                    http.expect("POST", gateway + "/api/facilities/" + code + "/vendor-contracts/" + vendor.vendorId(),
                            manager, "{\"systems\":[\"電子カルテ\"],\"frameworkId\":\"" + VENDOR_FORM + "\"}", 200);
                    return openInstitutionForm(http, gateway, manager, code);
                }));
            }
            for (Future<String> f : opened) {
                t.institutionAssessments.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        return t;
    }

    /** The assessment service learns of the published form over Kafka: retry until it has. */
    private static String openInstitutionForm(Http http, String gateway, String manager, String code) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            var response = http.send("POST", gateway + "/api/facilities/" + code + "/assessments", manager,
                    "{\"frameworkId\":\"" + INSTITUTION_FORM + "\",\"version\":\"2025\",\"fiscalYear\":2025}");
            if (response.statusCode() == 201) {
                return java.net.URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot open assessment: " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(200);
        }
    }
}
