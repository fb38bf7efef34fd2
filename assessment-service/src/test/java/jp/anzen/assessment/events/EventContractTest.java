package jp.anzen.assessment.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.anzen.assessment.Fixtures;

/**
 * The published event contract is what the service really writes: after writes of every kind, each event in the store
 * (of this test and of every test before it) validates against the JSON Schema of its type, served at
 * /events/schemas, with a real validator; the AsyncAPI document names every type and each schema it refers to.
 */
@QuarkusTest
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void catalogue() throws Exception {
        Fixtures.catalogueVersionPublished();
    }

    @Test
    void every_event_the_service_writes_fits_the_published_schema_of_its_type() throws Exception {
        writeOneOfEachKind("2610000016");
        Map<String, JsonSchema> schemas = new java.util.HashMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        int checked = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT type, payload::text, global_id FROM event ORDER BY global_id")) {
            while (r.next()) {
                String type = r.getString(1);
                types.add(type);
                JsonSchema schema = schemas.computeIfAbsent(type, EventContractTest::served);
                var errors = schema.validate(JSON.readTree(r.getString(2)));
                if (!errors.isEmpty()) {
                    failures.add(type + " #" + r.getLong(3) + ": " + errors);
                }
                checked++;
            }
        }
        assertThat(failures).as("events that do not fit their published schema").isEmpty();
        assertThat(types).contains("facility-registered", "vendor-contract-granted", "network-membership-granted",
                "services-declared", "assessment-opened", "answers-recorded", "answer-carried-forward", "round-signed-off",
                "round-reopened", "vendor-contract-revoked").doesNotContain("answer-recorded");
        assertThat(checked).isPositive();
    }

    @Test
    void the_first_contracts_answer_recorded_still_has_its_schema() throws Exception {
        JsonSchema schema = served("answer-recorded");
        assertThat(schema.validate(JSON.readTree("""
                {"assessmentId":"%s","requirementId":"test-checklist:2025:1-1","round":1,"value":"yes",
                 "confirmedOn":"2025-06-01","targetDate":null,"note":null,"evidence":[]}""".formatted(UUID.randomUUID())))).isEmpty();
        assertThat(schema.validate(JSON.readTree("{\"assessmentId\":\"x\",\"round\":3}"))).isNotEmpty();
    }

    @Test
    void the_asyncapi_document_names_every_type_with_its_schema() throws Exception {
        String yaml = given().when().get("/events/asyncapi.yaml").then().statusCode(200)
                .contentType(containsString("yaml")).extract().asString();
        JsonNode document = new YAMLMapper().readTree(yaml);
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        JsonNode messages = document.path("components").path("messages");
        List<String> named = new ArrayList<>();
        messages.fieldNames().forEachRemaining(named::add);
        assertThat(named).contains("answers-recorded", "answer-recorded", "facility-registered").hasSize(12);
        for (String type : named) {
            String ref = messages.path(type).path("payload").path("schema").path("$ref").asText();
            assertThat(ref).isEqualTo("schemas/" + type + ".schema.json");
            given().when().get("/events/" + ref).then().statusCode(200)
                    .body("'$id'", equalTo("urn:anzen:event:jp.anzen.assessment." + type + ".v1"));
        }
        given().when().get("/events/schemas/no-such-type.schema.json").then().statusCode(404);
    }

    private static JsonSchema served(String type) {
        String schema = given().when().get("/events/schemas/" + type + ".schema.json").then().statusCode(200).extract().asString();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    /** A facility's whole life: every kind of event the service writes, through the API. */
    private static void writeOneOfEachKind(String code) {
        String manager = Fixtures.registeredHospital(code);
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"systems\":[\"電子カルテ\"],\"frameworkId\":\"test-vendor-form\"}")
                .when().post("/api/facilities/" + code + "/vendor-contracts/vendor-demo").then().statusCode(200);
        given().auth().oauth2(manager).when().post("/api/facilities/" + code + "/networks/net-contract").then().statusCode(200);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"services\":[{\"profileId\":\"test-profile\",\"version\":\"1\"}]}")
                .when().put("/api/facilities/" + code + "/services").then().statusCode(200);
        String fy2024 = open(manager, code, "2024", 2024);
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"test-checklist:2024:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2024-06-01\"}]}")
                .when().put(fy2024 + "/answers").then().statusCode(200);
        String fy2025 = open(manager, code, "2025", 2025);
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"answers\":[{\"requirementId\":\"" + Fixtures.ITEM_MANAGER + "\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-06-01\"},"
                        + "{\"requirementId\":\"" + Fixtures.ITEM_PASSWORD + "\",\"round\":1,\"value\":\"no\",\"confirmedOn\":\"2025-06-01\","
                        + "\"targetDate\":\"2026-01-31\",\"note\":\"更新中\",\"evidence\":[{\"uri\":\"https://files.example/p.pdf\","
                        + "\"sha256\":\"" + "c".repeat(64) + "\",\"expiresOn\":\"2026-03-31\"}]}]}")
                .when().put(fy2025 + "/answers").then().statusCode(200);
        given().auth().oauth2(manager).when().post(fy2025 + "/rounds/1/sign-off").then().statusCode(200);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"reason\":\"訂正\"}")
                .when().post(fy2025 + "/rounds/1/reopen").then().statusCode(200);
        given().auth().oauth2(Fixtures.vendor()).header("Idempotency-Key", "contract-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body("""
                        {"facilities":[{"facilityCode":"%s","frameworkId":"test-vendor-form","version":"2025","fiscalYear":2025,
                          "answers":[{"requirementId":"test-vendor-form:2025:v-1","round":1,"value":"yes","confirmedOn":"2025-07-01"}]}]}"""
                        .formatted(code))
                .when().post("/api/vendor/answers").then().statusCode(201);
        given().auth().oauth2(manager).when().delete("/api/facilities/" + code + "/vendor-contracts/vendor-demo").then().statusCode(204);
    }

    private static String open(String token, String code, String version, int fiscalYear) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"frameworkId\":\"test-checklist\",\"version\":\"" + version + "\",\"fiscalYear\":" + fiscalYear + "}")
                .when().post("/api/facilities/" + code + "/assessments").then().statusCode(201).extract().header("Location");
    }
}
