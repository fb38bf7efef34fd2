package jp.anzen.reporting.badinput;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.export.ExportFormat;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/**
 * Parameters a corpus of bad requests found answered with 500, a job that failed later, or a header it could extend:
 * each a problem at request time now, naming the parameter.
 */
@QuarkusTest
class BadParametersTest {

    private static final List<String> REPORTS = List.of("/api/reports/facilities/1310000001/readiness",
            "/api/reports/facilities/1310000001/inspection-form", "/api/reports/networks/net-demo/summary",
            "/api/reports/prefectures/13/summary", "/api/reports/requirements/mhlw-checklist-institution:2025:1-1/coverage",
            "/api/reports/facilities/1310000001/assessments/" + UUID.randomUUID() + "/oscal");

    private static String admin() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class)).user("demo-admin");
    }

    @Test
    void a_far_as_of_is_a_400_on_every_report_and_export_at_request_time() {
        String token = admin();
        for (String path : REPORTS) {
            for (String asOf : List.of("+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "1999-12-31", "2100-01-01")) {
                given().auth().oauth2(token).queryParam("asOf", asOf).when().get(path)
                        .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("asOf"));
            }
        }
        for (String path : List.of("/api/reports/networks/net-demo/summary/exports", "/api/reports/prefectures/13/summary/exports")) {
            given().auth().oauth2(token).queryParam("asOf", "+300000-01-01T00:00:00Z").when().post(path)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void nul_crlf_or_a_quote_in_a_parameter_never_reaches_a_query_or_a_header() {
        String token = admin();
        given().auth().oauth2(token).queryParam("fiscalYear", "2025\u0000").when().get("/api/reports/prefectures/13/summary")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("fiscalYear"));
        given().auth().oauth2(token).urlEncodingEnabled(false)
                .when().get("/api/reports/networks/net%0D%0AX-Injected:%20yes/summary?format=csv")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("format", "csv").when().get("/api/reports/networks/net\"x/summary")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_download_name_that_is_not_plain_is_encoded_as_rfc_6266_says() {
        String header = ExportFormat.CSV.attachment("anzen-network-net\"; x=1\r\n-FY2025");
        assertThat(header).doesNotContain("\r").doesNotContain("\n")
                .startsWith("attachment; filename=\"anzen-network-net")
                .contains("filename*=UTF-8''anzen-network-net%22%3B%20x%3D1%0D%0A-FY2025.csv");
        assertThat(header.chars().filter(c -> c == '"').count()).isEqualTo(2);
        assertThat(ExportFormat.XLSX.attachment("anzen-inspection-1310000001-FY2025"))
                .isEqualTo("attachment; filename=\"anzen-inspection-1310000001-FY2025.xlsx\"");
    }

    @Test
    void a_dismissal_note_of_the_wrong_type_names_the_field() {
        given().auth().oauth2(admin()).contentType("application/json").body("{\"note\":5}")
                .when().post("/api/reports/admin/dead-letters/" + UUID.randomUUID() + "/dismiss")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/note"));
    }
}
