package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies assessment-stream events: opening, sign-offs, carried-forward answers. Answers themselves are
 * written in batches by {@link AnswerRows}.
 */
final class AnswerEvents {

    static final String RECORDED = "answer-recorded";

    private AnswerEvents() {
    }

    static void apply(Connection c, String type, JsonNode p, OffsetDateTime at) throws SQLException {
        switch (type) {
            case "assessment-opened" -> opened(c, p, at);
            case "answer-carried-forward" -> carried(c, p, at);
            case "round-signed-off" -> Statements.execute(c, "INSERT INTO round_signoff (assessment_id, round, valid_from) VALUES (?::uuid, ?, ?)"
                    + " ON CONFLICT DO NOTHING", p.get("assessmentId").asText(), p.get("round").asInt(), at);
            case "round-reopened" -> Statements.execute(c, "UPDATE round_signoff SET valid_to = ? WHERE assessment_id = ?::uuid AND round = ?"
                    + " AND valid_to IS NULL", at, p.get("assessmentId").asText(), p.get("round").asInt());
            default -> {
                // tolerant reader: an event type this version does not report on
            }
        }
    }

    private static void opened(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO assessment (id, facility_code, framework_id, version,"
                + " fiscal_year, vendor_id, opened_at) VALUES (?::uuid, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.get("assessmentId").asText());
            s.setString(2, p.get("facilityCode").asText());
            s.setString(3, p.get("frameworkId").asText());
            s.setString(4, p.get("version").asText());
            s.setInt(5, p.get("fiscalYear").asInt());
            s.setString(6, p.hasNonNull("vendorId") ? p.get("vendorId").asText() : null);
            s.setObject(7, at);
            s.executeUpdate();
        }
    }

    private static void carried(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO carried_answer (assessment_id, requirement_id, value,"
                + " from_fiscal_year, carried_at) VALUES (?::uuid, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, p.get("assessmentId").asText());
            s.setString(2, p.get("requirementId").asText());
            s.setString(3, p.get("value").asText());
            s.setInt(4, p.get("fromFiscalYear").asInt());
            s.setObject(5, at);
            s.executeUpdate();
        }
    }
}
