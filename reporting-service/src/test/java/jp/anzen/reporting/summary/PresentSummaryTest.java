package jp.anzen.reporting.summary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.EventsOnKafka;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * The present is read from each form's current answers, kept by the projection; any other instant from the answers'
 * history. Given members of net-present whose answers were replaced, a pre-question answered "no" and a facility
 * without a form: both ways give the same summary, also when a form's catalogue version arrives after its answers.
 */
@QuarkusTest
class PresentSummaryTest {

    private static final String NETWORK = "net-present";
    private static final String LATE_NETWORK = "net-present-late";
    private static final OffsetDateTime JUNE = OffsetDateTime.parse("2025-06-02T10:00:00+09:00");
    private static final OffsetDateTime SEPTEMBER = OffsetDateTime.parse("2025-09-01T10:00:00+09:00");
    private static final String HOSPITAL = "1310000213";
    private static final String CLINIC = "1310000221";
    private static final String WITHOUT_FORM = "1310000230";
    private static final String LATE = "1310000248";

    @Inject
    SummaryQueries queries;

    @BeforeAll
    static void members() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            kafka.catalogueVersionPublished("present-form", "2025", form("present-form"));
            member(kafka, HOSPITAL, "hospital");
            member(kafka, CLINIC, "clinic");
            member(kafka, WITHOUT_FORM, "hospital");
            String hospital = open(kafka, HOSPITAL, "present-form");
            answer(kafka, HOSPITAL, hospital, 2, "present-form:2025:1", "yes", null, JUNE);
            answer(kafka, HOSPITAL, hospital, 3, "present-form:2025:2", "no", "2025-07-01", JUNE);
            answer(kafka, HOSPITAL, hospital, 4, "present-form:2025:0", "no", "2025-07-01", JUNE); // the pre-question: never counted
            answer(kafka, HOSPITAL, hospital, 5, "present-form:2025:1", "not-applicable", null, SEPTEMBER);
            String clinic = open(kafka, CLINIC, "present-form");
            answer(kafka, CLINIC, clinic, 2, "present-form:2025:3", "no", "2025-07-01", JUNE);
            answer(kafka, CLINIC, clinic, 3, "present-form:2025:2", "yes", null, JUNE);
            answer(kafka, CLINIC, clinic, 4, "present-form:2025:3", "yes", null, SEPTEMBER); // no longer overdue
            answer(kafka, CLINIC, clinic, 5, "present-form:2025:1", "no", null, SEPTEMBER); // no target date: never overdue
            Projected.until("the members", () -> Projected.applied("assessment-" + hospital) >= 5
                    && Projected.applied("assessment-" + clinic) >= 5 && Projected.applied("facility-" + WITHOUT_FORM) >= 2
                    && Projected.catalogue("present-form", "2025"));
        }
    }

    @Test
    void the_present_agrees_with_the_history_read_at_the_same_instant() {
        Instant now = Instant.now();

        Summary present = queries.summary(SummaryQueries.Scope.NETWORK, NETWORK, 2025, now, 100);

        assertThat(present).isEqualTo(queries.fromHistory(SummaryQueries.Scope.NETWORK, NETWORK, 2025, now, 100));
        assertThat(line(present, HOSPITAL)).extracting("itemsExpected", "yes", "no", "notApplicable", "overdue")
                .containsExactly(2, 0, 1, 1, 1);
        assertThat(line(present, CLINIC)).extracting("itemsExpected", "yes", "no", "notApplicable", "overdue")
                .containsExactly(3, 2, 1, 0, 0);
        assertThat(line(present, WITHOUT_FORM).assessmentId()).isNull();
        assertThat(present.perItem()).extracting("requirementId", "answeredNo", "answered").containsExactly(
                tuple("present-form:2025:1", 1, 2),
                tuple("present-form:2025:2", 1, 2),
                tuple("present-form:2025:3", 0, 1));
        assertThat(present.overdueTotal()).isEqualTo(1);
        assertThat(present.overdue()).extracting("facilityCode", "requirementId")
                .containsExactly(tuple(HOSPITAL, "present-form:2025:2"));
    }

    @Test
    void answers_projected_before_their_catalogue_version_count_once_it_arrives() throws Exception {
        try (EventsOnKafka kafka = new EventsOnKafka()) {
            member(kafka, LATE, "hospital", LATE_NETWORK);
            String late = open(kafka, LATE, "late-form");
            answer(kafka, LATE, late, 2, "late-form:2025:1", "no", "2025-07-01", JUNE);
            answer(kafka, LATE, late, 3, "late-form:2025:2", "yes", null, JUNE);
            Projected.until("the answers", () -> Projected.applied("assessment-" + late) >= 3);
            assertThat(line(queries.summary(SummaryQueries.Scope.NETWORK, LATE_NETWORK, 2025, Instant.now(), 100), LATE))
                    .extracting("itemsExpected", "yes", "no").containsExactly(0, 0, 0);

            kafka.catalogueVersionPublished("late-form", "2025", form("late-form"));
            Projected.until("the late catalogue", () -> Projected.catalogue("late-form", "2025"));
        }
        Instant now = Instant.now();

        Summary present = queries.summary(SummaryQueries.Scope.NETWORK, LATE_NETWORK, 2025, now, 100);

        assertThat(line(present, LATE)).extracting("itemsExpected", "yes", "no", "overdue").containsExactly(2, 1, 1, 1);
        assertThat(present).isEqualTo(queries.fromHistory(SummaryQueries.Scope.NETWORK, LATE_NETWORK, 2025, now, 100));
    }

    @Test
    void the_json_lists_as_many_overdue_answers_as_asked_and_counts_them_all() {
        String token = new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class)).user("demo-ops");
        given().auth().oauth2(token).queryParam("fiscalYear", 2025).queryParam("overdueLimit", 0)
                .when().get("/api/reports/networks/" + NETWORK + "/summary")
                .then().statusCode(200)
                .body("overdue", empty()).body("overdueTotal", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        for (String bad : new String[] { "-1", "many", "100001" }) {
            given().auth().oauth2(token).queryParam("fiscalYear", 2025).queryParam("overdueLimit", bad)
                    .when().get("/api/reports/networks/" + NETWORK + "/summary")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("overdueLimit"));
        }
    }

    private static Summary.FacilityLine line(Summary summary, String code) {
        return summary.perFacility().stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
    }

    /** Items 1 and 2 for every kind, 3 for clinics only, and a pre-question. */
    private static String form(String id) {
        return """
                {"frameworkId":"%1$s","frameworkKind":"checklist","version":"2025","fiscalYear":2025,"titleJa":"現在様式",
                 "requirements":[
                  {"id":"%1$s:2025:0","kind":"pre-question","position":0,"textJa":"有無","facilityKinds":[]},
                  {"id":"%1$s:2025:1","kind":"item","position":1,"number":"1①","textJa":"責任者","facilityKinds":[]},
                  {"id":"%1$s:2025:2","kind":"item","position":2,"number":"1②","textJa":"台帳","facilityKinds":[]},
                  {"id":"%1$s:2025:3","kind":"item","position":3,"number":"2①","textJa":"診療所","facilityKinds":["clinic"]}]}"""
                .formatted(id);
    }

    private static void member(EventsOnKafka kafka, String code, String kind) {
        member(kafka, code, kind, NETWORK);
    }

    private static void member(EventsOnKafka kafka, String code, String kind, String network) {
        kafka.assessmentEvent(code, "facility-" + code, 1, "facility-registered", JUNE.minusDays(30), """
                {"code":"%s","name":"現在病院%s","kind":"%s","prefecture":"13","hasMedicalInformationSystem":true}"""
                .formatted(code, code.substring(7), kind));
        kafka.assessmentEvent(code, "facility-" + code, 2, "network-membership-granted", JUNE.minusDays(30), """
                {"facilityCode":"%s","networkId":"%s"}""".formatted(code, network));
    }

    private static String open(EventsOnKafka kafka, String code, String framework) {
        String assessment = UUID.randomUUID().toString();
        kafka.assessmentEvent(code, "assessment-" + assessment, 1, "assessment-opened", JUNE.minusDays(1), """
                {"assessmentId":"%s","facilityCode":"%s","frameworkId":"%s","version":"2025","fiscalYear":2025}"""
                .formatted(assessment, code, framework));
        return assessment;
    }

    private static void answer(EventsOnKafka kafka, String code, String assessment, int version, String requirementId,
            String value, String targetDate, OffsetDateTime at) {
        kafka.assessmentEvent(code, "assessment-" + assessment, version, "answer-recorded", at, """
                {"assessmentId":"%s","requirementId":"%s","round":1,"value":"%s","confirmedOn":"2025-06-02"%s}"""
                .formatted(assessment, requirementId, value, targetDate == null ? "" : ",\"targetDate\":\"" + targetDate + "\""));
    }
}
