package jp.anzen.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The projector writes a Kafka batch's events in few round trips: new facilities and assessments first, other
 * statements in event order, answers last unless a later event of their assessment needs them. Given whole histories
 * in one batch, the result is what applying them one by one gives. Each test projects in a transaction that it rolls
 * back: these events are on no topic, and the live tables must stay what the topics rebuild (RebuildTest).
 */
@QuarkusTest
class OneKafkaBatchTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2025-06-03T09:00:00+09:00");

    @Inject
    Projector projector;

    @Inject
    AgroalDataSource dataSource;

    private final List<ConsumerRecord<String, String>> batch = new ArrayList<>();
    private Connection c;

    @BeforeEach
    void transaction() throws Exception {
        c = dataSource.getConnection();
        c.setAutoCommit(false);
    }

    @AfterEach
    void rollBack() throws Exception {
        c.rollback();
        c.setAutoCommit(true);
        c.close();
    }

    @Test
    void a_membership_granted_revoked_and_granted_again_in_one_batch_has_two_intervals() throws Exception {
        String code = "1310000311";
        givenHospital(code, "一括病院");
        given(code, "facility-" + code, 2, "network-membership-granted", T.plusMinutes(1), membership(code));
        given(code, "facility-" + code, 3, "network-membership-revoked", T.plusMinutes(2), membership(code));
        given(code, "facility-" + code, 4, "network-membership-granted", T.plusMinutes(3), membership(code));

        project();

        assertThat(rows("SELECT to_char(valid_from AT TIME ZONE 'Asia/Tokyo', 'HH24:MI') || '-'"
                + " || coalesce(to_char(valid_to AT TIME ZONE 'Asia/Tokyo', 'HH24:MI'), 'open')"
                + " FROM facility_network WHERE facility_code = ? ORDER BY valid_from", code))
                .containsExactly("09:01-09:02", "09:03-open");
    }

    @Test
    void a_carried_answer_is_confirmed_by_an_answer_after_it_not_by_one_before_it() throws Exception {
        String code = "1310000320";
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        givenHospital(code, "持越病院");
        // answered, then the carried answer arrives: not confirmed
        given(code, "assessment-" + before, 1, "assessment-opened", T, opened(before, code));
        given(code, "assessment-" + before, 2, "answer-recorded", T.plusMinutes(1), answer(before));
        given(code, "assessment-" + before, 3, "answer-carried-forward", T.plusMinutes(2), carried(before));
        // the carried answer, then the answer: confirmed
        given(code, "assessment-" + after, 1, "assessment-opened", T, opened(after, code));
        given(code, "assessment-" + after, 2, "answer-carried-forward", T.plusMinutes(1), carried(after));
        given(code, "assessment-" + after, 3, "answer-recorded", T.plusMinutes(2), answer(after));

        project();

        assertThat(rows("SELECT coalesce(confirmed_at::text, 'unconfirmed') FROM carried_answer WHERE assessment_id = ?::uuid", before))
                .containsExactly("unconfirmed");
        assertThat(rows("SELECT confirmed_at::text FROM carried_answer WHERE assessment_id = ?::uuid", after)).hasSize(1)
                .doesNotContainNull();
        assertThat(rows("SELECT current_answers FROM assessment WHERE id = ?::uuid", after)).containsExactly("y");
    }

    @Test
    void events_that_arrive_before_an_earlier_one_of_their_stream_wait_for_it_and_then_apply_in_order() throws Exception {
        String code = "1310000339";
        String id = UUID.randomUUID().toString();
        givenHospital(code, "順序病院");
        given(code, "assessment-" + id, 1, "assessment-opened", T, opened(id, code));
        // versions 3 and 4 overtook 2 on the topic (as a push did whose transaction was older than the one before it)
        given(code, "assessment-" + id, 3, "answer-recorded", T.plusMinutes(2), answer(id, "no"));
        given(code, "assessment-" + id, 4, "answer-recorded", T.plusMinutes(3), answer(id, "yes"));

        project();

        assertThat(rows("SELECT count(*)::text FROM answer WHERE assessment_id = ?::uuid", id)).containsExactly("0");
        assertThat(rows("SELECT version::text FROM applied_stream WHERE stream_id = ?", "assessment-" + id)).containsExactly("1");
        assertThat(rows("SELECT string_agg(stream_version::text, ',' ORDER BY stream_version) FROM held_event WHERE stream_id = ?",
                "assessment-" + id)).containsExactly("3,4");

        // version 2 comes alone, in a later batch
        batch.clear();
        given(code, "assessment-" + id, 2, "answer-recorded", T.plusMinutes(1), answer(id, "not-applicable"));

        project();

        assertThat(rows("SELECT count(*)::text FROM answer WHERE assessment_id = ?::uuid", id)).containsExactly("3");
        assertThat(rows("SELECT current_answers FROM assessment WHERE id = ?::uuid", id)).containsExactly("y"); // the last one
        assertThat(rows("SELECT version::text FROM applied_stream WHERE stream_id = ?", "assessment-" + id)).containsExactly("4");
        assertThat(rows("SELECT count(*)::text FROM held_event WHERE stream_id = ?", "assessment-" + id)).containsExactly("0");

        // and when the relay sends them all again, nothing changes
        batch.clear();
        for (int version = 2; version <= 4; version++) {
            given(code, "assessment-" + id, version, "answer-recorded", T.plusMinutes(version), answer(id, "no"));
        }
        project();
        assertThat(rows("SELECT count(*)::text FROM answer WHERE assessment_id = ?::uuid", id)).containsExactly("3");
        assertThat(rows("SELECT current_answers FROM assessment WHERE id = ?::uuid", id)).containsExactly("y");
    }

    @Test
    void an_event_held_back_in_a_batch_is_applied_when_the_missing_one_comes_later_in_the_same_batch() throws Exception {
        String code = "1310000347";
        String id = UUID.randomUUID().toString();
        givenHospital(code, "同束病院");
        given(code, "assessment-" + id, 2, "answer-recorded", T.plusMinutes(1), answer(id));
        given(code, "assessment-" + id, 1, "assessment-opened", T, opened(id, code));

        project();

        assertThat(rows("SELECT current_answers FROM assessment WHERE id = ?::uuid", id)).containsExactly("y");
        assertThat(rows("SELECT count(*)::text FROM held_event WHERE stream_id = ?", "assessment-" + id)).containsExactly("0");
    }

    private void project() throws Exception {
        ConsumerRecord<String, String> form = new ConsumerRecord<>("catalogue-events", 0, 0, "batch-form", """
                {"frameworkId":"batch-form","frameworkKind":"checklist","version":"2025","fiscalYear":2025,"titleJa":"一括様式",
                 "requirements":[{"id":"batch-form:2025:1","kind":"item","position":1,"number":"1①","textJa":"責任者",
                                  "facilityKinds":[]}]}""");
        header(form, "ce_type", Projector.VERSION_PUBLISHED);
        projector.applyCatalogueEvent(c, form);
        projector.applyAssessmentEvents(c, batch);
    }

    private List<String> rows(String sql, String parameter) throws Exception {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
        }
        return rows;
    }

    private void given(String code, String stream, int version, String type, OffsetDateTime time, String payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("assessment-events", 0, batch.size(), code, payload);
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "jp.anzen.assessment." + type + ".v1");
        header(record, "ce_time", time.toString());
        header(record, "ce_streamid", stream);
        header(record, "ce_streamversion", Integer.toString(version));
        batch.add(record);
    }

    /** A hospital of Tokyo with a medical information system, registered as version 1 of its stream. */
    private void givenHospital(String code, String name) {
        given(code, "facility-" + code, 1, "facility-registered", T, """
                {"code":"%s","name":"%s","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                .formatted(code, name));
    }

    private static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String membership(String code) {
        return """
                {"facilityCode":"%s","networkId":"net-batch"}""".formatted(code);
    }

    private static String opened(String assessment, String code) {
        return """
                {"assessmentId":"%s","facilityCode":"%s","frameworkId":"batch-form","version":"2025","fiscalYear":2025}"""
                .formatted(assessment, code);
    }

    private static String answer(String assessment) {
        return answer(assessment, "yes");
    }

    private static String answer(String assessment, String value) {
        return """
                {"assessmentId":"%s","requirementId":"batch-form:2025:1","round":1,"value":"%s","confirmedOn":"2025-06-03"}"""
                .formatted(assessment, value);
    }

    private static String carried(String assessment) {
        return """
                {"assessmentId":"%s","requirementId":"batch-form:2025:1","value":"yes","fromFiscalYear":2024}""".formatted(assessment);
    }
}
