package jp.anzen.reporting.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jp.anzen.reporting.Projected;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.servers.test.AnzenTestServers;

/** Exports live in the database: any instance answers for them, and one whose writer stopped says so. */
@QuarkusTest
class ExportJobsTest {

    private static final String INSPECTOR = "demo-inspector";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ExportJobs jobs;

    @Test
    void an_export_started_on_one_instance_is_followed_and_downloaded_on_another() throws Exception {
        String location = given().auth().oauth2(keycloak().user(INSPECTOR)).queryParam("fiscalYear", 2025)
                .when().post("/api/reports/prefectures/13/summary/exports")
                .then().statusCode(202).extract().header("Location");
        Projected.until("the export", () -> "DONE".equals(given().auth().oauth2(keycloak().user(INSPECTOR))
                .when().get(location).then().extract().path("state")));
        byte[] downloaded = given().auth().oauth2(keycloak().user(INSPECTOR)).when().get(location + "/content")
                .then().statusCode(200).extract().asByteArray();

        ExportJobs another = new ExportJobs(dataSource); // an instance that started nothing
        try {
            String id = location.substring(location.lastIndexOf('/') + 1);
            ExportJob job = another.find(id, subject(INSPECTOR)).orElseThrow();
            assertThat(job.state()).isEqualTo(ExportJob.State.DONE);
            assertThat(job.filename()).isEqualTo("anzen-prefecture-13-FY2025.xlsx");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            another.copyContent(id, file);
            assertThat(file.toByteArray()).isEqualTo(downloaded).isNotEmpty();
            assertThat(another.find(id, "someone-else")).isEmpty();
        } finally {
            another.stop();
        }
    }

    @Test
    void an_export_whose_instance_stopped_while_writing_it_says_so_and_one_still_heard_from_runs_on() throws Exception {
        UUID silent = running("now() - interval '2 minutes'");
        UUID alive = running("now()");
        try {
            given().auth().oauth2(keycloak().user(INSPECTOR)).when().get("/api/reports/exports/" + silent)
                    .then().statusCode(200).body("state", equalTo("FAILED")).body("error", containsString("start it again"));
            given().auth().oauth2(keycloak().user(INSPECTOR)).when().get("/api/reports/exports/" + silent + "/content")
                    .then().statusCode(409).contentType("application/problem+json");
            given().auth().oauth2(keycloak().user(INSPECTOR)).when().get("/api/reports/exports/" + alive)
                    .then().statusCode(200).body("state", equalTo("RUNNING")).body("percent", equalTo(40));
        } finally {
            execute("DELETE FROM export_job WHERE id = ANY (?)", (Object) new UUID[] { silent, alive });
        }
    }

    @Test
    void an_instance_keeps_saying_that_it_writes_an_export_while_it_still_reads_its_rows() throws Exception {
        CountDownLatch rowsRead = new CountDownLatch(1);
        String owner = subject(INSPECTOR);
        ExportJob job = jobs.start(owner, "slow.xlsx", () -> {
            try {
                rowsRead.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        try {
            execute("UPDATE export_job SET heartbeat_at = now() - interval '2 minutes' WHERE id = ?", UUID.fromString(job.id()));
            assertThat(jobs.find(job.id(), owner).orElseThrow().state()).isEqualTo(ExportJob.State.FAILED);

            jobs.heartbeat();

            assertThat(jobs.find(job.id(), owner).orElseThrow().state()).isEqualTo(ExportJob.State.RUNNING);
        } finally {
            rowsRead.countDown();
        }
        Projected.until("the slow export", () -> jobs.find(job.id(), owner).orElseThrow().state() == ExportJob.State.DONE);
    }

    @Test
    void an_id_that_is_no_export_is_not_found() {
        given().auth().oauth2(keycloak().user(INSPECTOR)).when().get("/api/reports/exports/not-an-export")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(keycloak().user(INSPECTOR)).when().get("/api/reports/exports/" + UUID.randomUUID() + "/content")
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** A job of the inspector's, 40 of 100 rows written, last heard of at {@code heartbeat}. */
    private UUID running(String heartbeat) throws Exception {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO export_job (id, owner, filename, media_type, state, rows_written, rows_total, heartbeat_at)"
                + " VALUES (?, ?, 'anzen-prefecture-13-FY2025.xlsx', 'application/octet-stream', 'RUNNING', 40, 100, "
                + heartbeat + ")", id, subject(INSPECTOR));
        return id;
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof UUID[] ids) {
                    s.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    s.setObject(i + 1, parameters[i]);
                }
            }
            s.executeUpdate();
        }
    }

    /** The token's subject: what an export's owner is. */
    private static String subject(String user) throws Exception {
        String payload = keycloak().user(user).split("\\.")[1];
        return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .get("sub").asText();
    }

    private static Tokens keycloak() {
        return new Tokens(ConfigProvider.getConfig().getValue(AnzenTestServers.KEYCLOAK_URL, String.class));
    }
}
