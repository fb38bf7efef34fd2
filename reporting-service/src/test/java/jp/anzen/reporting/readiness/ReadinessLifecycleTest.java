package jp.anzen.reporting.readiness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/** Vendor contracts, sign-offs and carried-forward answers as the readiness report shows them over time. */
@QuarkusTest
class ReadinessLifecycleTest {

    private static final String CODE = "1310000027";
    private static final String OWN = UUID.randomUUID().toString();
    private static final String VENDOR_FORM = UUID.randomUUID().toString();
    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2025-06-10T10:00:00+09:00");
    private static final OffsetDateTime JULY = OffsetDateTime.parse("2025-07-10T10:00:00+09:00");
    private static final OffsetDateTime AUGUST = OffsetDateTime.parse("2025-08-10T10:00:00+09:00");

    @BeforeAll
    static void history() throws Exception {
        String facility = "facility-" + CODE;
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.assessmentEvent(CODE, facility, 1, "facility-registered", JUNE.minusDays(30), """
                    {"code":"1310000027","name":"契約病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}""");
            kafka.assessmentEvent(CODE, facility, 2, "vendor-contract-granted", JUNE, """
                    {"facilityCode":"1310000027","vendorId":"vendor-demo","systems":["電子カルテ"],"frameworkId":"lc-vendor"}""");
            kafka.assessmentEvent(CODE, "assessment-" + OWN, 1, "assessment-opened", JUNE, """
                    {"assessmentId":"%s","facilityCode":"1310000027","frameworkId":"lc-form","version":"2025","fiscalYear":2025}"""
                    .formatted(OWN));
            kafka.assessmentEvent(CODE, "assessment-" + OWN, 2, "answer-carried-forward", JUNE, """
                    {"assessmentId":"%s","requirementId":"lc-form:2025:1","fromAssessmentId":"x","fromRequirementId":"lc-form:2024:1",
                     "fromFiscalYear":2024,"value":"yes","confirmedOn":"2024-06-01"}""".formatted(OWN));
            kafka.assessmentEvent(CODE, "assessment-" + OWN, 3, "answer-recorded", JULY, """
                    {"assessmentId":"%s","requirementId":"lc-form:2025:1","round":1,"value":"yes","confirmedOn":"2025-07-10"}"""
                    .formatted(OWN));
            kafka.assessmentEvent(CODE, "assessment-" + OWN, 4, "round-signed-off", JULY, """
                    {"assessmentId":"%s","round":1}""".formatted(OWN));
            kafka.assessmentEvent(CODE, "assessment-" + VENDOR_FORM, 1, "assessment-opened", JUNE, """
                    {"assessmentId":"%s","facilityCode":"1310000027","frameworkId":"lc-vendor","version":"2025","fiscalYear":2025,
                     "vendorId":"vendor-demo"}""".formatted(VENDOR_FORM));
            kafka.assessmentEvent(CODE, facility, 3, "vendor-contract-revoked", AUGUST, """
                    {"facilityCode":"1310000027","vendorId":"vendor-demo","reason":"契約終了"}""");
        }
        Projected.until("facility-" + CODE + " v3", () -> Projected.applied("facility-" + CODE) >= 3);
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }

    private static String form(String id) {
        return "forms.find { it.assessmentId == '" + id + "' }";
    }

    @Test
    void in_june_the_carried_answer_awaits_confirmation_and_the_vendor_is_under_contract() {
        given().auth().oauth2(keycloak().user("demo-ops")).queryParam("asOf", "2025-06-20")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body("vendors", contains("vendor-demo"))
                .body(form(OWN) + ".carriedForwardUnconfirmed", equalTo(1))
                .body(form(OWN) + ".roundsSignedOff", hasSize(0));
    }

    @Test
    void in_july_the_answer_confirms_it_and_round_one_is_signed_off() {
        given().auth().oauth2(keycloak().user("demo-ops")).queryParam("asOf", "2025-07-20")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200)
                .body(form(OWN) + ".carriedForwardUnconfirmed", equalTo(0))
                .body(form(OWN) + ".roundsSignedOff", contains(1));
    }

    @Test
    void a_vendor_reads_only_its_own_form_and_only_while_under_contract() {
        String vendor = keycloak().clientCredentials("demo-vendor", "demo-vendor-secret");
        given().auth().oauth2(vendor).queryParam("asOf", "2025-07-20")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(200).body("forms", hasSize(1)).body("forms[0].assessmentId", equalTo(VENDOR_FORM));
        given().auth().oauth2(vendor).queryParam("asOf", "2025-08-20")
                .when().get("/api/reports/facilities/" + CODE + "/readiness")
                .then().statusCode(404);
    }
}
