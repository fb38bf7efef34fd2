package jp.anzen.reporting.projection;

import java.sql.SQLException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies assessment-stream events: opening, sign-offs, carried-forward answers. Answers themselves are
 * written in batches by {@link AnswerRows}.
 */
final class AnswerEvents {

    /** The first contract's event: one answer. Still read: stored events are never rewritten. */
    static final String RECORDED = "answer-recorded";
    /** The event contract v2: the answers of one command to one assessment. */
    static final String RECORDED_V2 = "answers-recorded";

    private AnswerEvents() {
    }

    static void apply(Writes w, String type, JsonNode p, OffsetDateTime at) throws SQLException {
        switch (type) {
            case "assessment-opened" -> w.early(Writes.Early.ASSESSMENT, "INSERT INTO assessment (id, facility_code, framework_id,"
                    + " version, fiscal_year, vendor_id, opened_at) VALUES (?::uuid, ?, ?, ?, ?, ?, ?)", p.get("assessmentId").asText(),
                    p.get("facilityCode").asText(), p.get("frameworkId").asText(), p.get("version").asText(),
                    p.get("fiscalYear").asInt(), p.hasNonNull("vendorId") ? p.get("vendorId").asText() : null, at);
            case "answer-carried-forward" -> w.inOrder("INSERT INTO carried_answer (assessment_id, requirement_id, value,"
                    + " from_fiscal_year, carried_at) VALUES (?::uuid, ?, ?, ?, ?) ON CONFLICT DO NOTHING", p.get("assessmentId").asText(),
                    p.get("requirementId").asText(), p.get("value").asText(), p.get("fromFiscalYear").asInt(), at);
            case "round-signed-off" -> w.inOrder("INSERT INTO round_signoff (assessment_id, round, valid_from) VALUES (?::uuid, ?, ?)"
                    + " ON CONFLICT DO NOTHING", p.get("assessmentId").asText(), p.get("round").asInt(), at);
            case "round-reopened" -> w.inOrder("UPDATE round_signoff SET valid_to = ? WHERE assessment_id = ?::uuid AND round = ?"
                    + " AND valid_to IS NULL", at, p.get("assessmentId").asText(), p.get("round").asInt());
            default -> {
                // tolerant reader: an event type this version does not report on
            }
        }
    }
}
