package jp.anzen.assessment.answers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

@QuarkusTest
class AnswersTest {

    private static final String FY2025_OPEN = "{\"frameworkId\":\"test-checklist\",\"version\":\"2025\",\"fiscalYear\":2025}";

    @BeforeEach
    void catalogue() throws Exception {
        Fixtures.catalogueVersionPublished();
    }

    /** Given a registered facility with an open FY2025 assessment; returns the assessment's path. */
    private static String openAssessment(String token, String code) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"code\":\"%s\",\"name\":\"回答病院\",\"kind\":\"hospital\",\"prefecture\":\"%s\",\"hasMedicalInformationSystem\":true}"
                        .formatted(code, code.substring(0, 2)))
                .when().post("/api/facilities").then().statusCode(201);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(FY2025_OPEN)
                .when().post("/api/facilities/" + code + "/assessments")
                .then().statusCode(201).header("ETag", "\"1\"")
                .extract().header("Location");
    }

    private static String answer(String requirementId, int round, String value, String confirmedOn, String targetDate) {
        return "{\"requirementId\":\"%s\",\"round\":%d,\"value\":\"%s\",\"confirmedOn\":\"%s\"%s}".formatted(requirementId,
                round, value, confirmedOn, targetDate == null ? "" : ",\"targetDate\":\"" + targetDate + "\"");
    }

    @Test
    void a_manager_records_a_batch_of_answers_and_reads_them_back() {
        String token = Fixtures.managerOf("manager-0110000013", "0110000013");
        String assessment = openAssessment(token, "0110000013");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"answers\":[" + answer(Fixtures.ITEM_MANAGER, 1, "yes", "2025-06-01", null) + ","
                        + answer(Fixtures.ITEM_PASSWORD, 1, "no", "2025-06-01", "2026-01-31") + "]}")
                .when().put(assessment + "/answers")
                .then().statusCode(200).header("ETag", "\"2\"") // one answers-recorded event for the whole batch
                .body("answers", hasSize(2))
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.targetDate", equalTo("2026-01-31"))
                .body("answers.find { it.requirementId == '" + Fixtures.ITEM_PASSWORD + "' }.recordedBy",
                        equalTo("manager-0110000013"));
        given().auth().oauth2(token).when().get(assessment)
                .then().statusCode(200).body("streamVersion", equalTo(2)).body("answers", hasSize(2));
    }

    @Test
    void a_bad_batch_is_refused_whole_with_every_error_listed() {
        String token = Fixtures.managerOf("manager-0110000021", "0110000021");
        String assessment = openAssessment(token, "0110000021");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"answers\":["
                        + answer(Fixtures.ITEM_MANAGER, 1, "yes", "2025-06-01", null) + ","
                        + answer(Fixtures.ITEM_PASSWORD, 1, "no", "2025-06-01", null) + ","
                        + answer(Fixtures.ITEM_PASSWORD, 2, "no", "2025-06-01", "2026-04-01") + ","
                        + answer("test-checklist:2025:nope", 1, "yes", "2025-06-01", null) + ","
                        + answer(Fixtures.ITEM_PHARMACY_ONLY, 1, "maybe", "2999-01-01", null) + ","
                        + answer(Fixtures.ITEM_MANAGER, 1, "yes", "2025-06-02", null) + "]}")
                .when().put(assessment + "/answers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/answers/1/targetDate", "/answers/2/targetDate",
                        "/answers/3/requirementId", "/answers/4/requirementId", "/answers/4/value",
                        "/answers/4/confirmedOn", "/answers/5"));
        given().auth().oauth2(token).when().get(assessment)
                .then().statusCode(200).body("streamVersion", equalTo(1)).body("answers", hasSize(0));
    }

    @Test
    void two_writers_with_the_same_etag_one_wins_the_other_gets_409_and_nothing_is_lost() throws Exception {
        String token = Fixtures.managerOf("manager-0110000039", "0110000039");
        String assessment = openAssessment(token, "0110000039");
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> writer = () -> {
            start.await();
            return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"answers\":[" + answer(Fixtures.ITEM_MANAGER, 1, "yes", "2025-06-01", null) + "]}")
                    .when().put(assessment + "/answers").then().extract().statusCode();
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = List.of(pool.submit(writer), pool.submit(writer));
            start.countDown();
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(token).when().get(assessment)
                .then().statusCode(200).body("streamVersion", equalTo(2)).body("answers", hasSize(1));
    }

    @Test
    void a_stale_etag_is_a_409_problem() {
        String token = Fixtures.managerOf("manager-0110000047", "0110000047");
        String assessment = openAssessment(token, "0110000047");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"answers\":[" + answer(Fixtures.ITEM_MANAGER, 1, "yes", "2025-06-01", null) + "]}")
                .when().put(assessment + "/answers").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"answers\":[" + answer(Fixtures.ITEM_MANAGER, 1, "no", "2025-06-01", "2025-12-01") + "]}")
                .when().put(assessment + "/answers")
                .then().statusCode(409).body("type", equalTo("urn:anzen:problem:concurrent-modification"));
    }

    @Test
    void a_network_operator_reads_its_member_but_cannot_answer_for_it() {
        String network = Fixtures.networkOperator("operator-net-hokkaido", "net-hokkaido");
        given().auth().oauth2(network).contentType(ContentType.JSON)
                .body("{\"code\":\"0110000054\",\"name\":\"会員病院\",\"kind\":\"hospital\",\"prefecture\":\"01\","
                        + "\"hasMedicalInformationSystem\":true,\"networkId\":\"net-hokkaido\"}")
                .when().post("/api/facilities").then().statusCode(201);
        given().auth().oauth2(network).contentType(ContentType.JSON).body(FY2025_OPEN)
                .when().post("/api/facilities/0110000054/assessments")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void an_unpublished_version_cannot_be_assessed() {
        String token = Fixtures.managerOf("manager-0110000062", "0110000062");
        openAssessment(token, "0110000062");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"test-checklist\",\"version\":\"2031\",\"fiscalYear\":2031}")
                .when().post("/api/facilities/0110000062/assessments")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/version"));
    }

    @Test
    void the_same_form_cannot_be_opened_twice_for_a_year() {
        String token = Fixtures.managerOf("manager-0110000070", "0110000070");
        openAssessment(token, "0110000070");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(FY2025_OPEN)
                .when().post("/api/facilities/0110000070/assessments")
                .then().statusCode(409).body("type", equalTo("urn:anzen:problem:assessment-exists"));
    }
}
