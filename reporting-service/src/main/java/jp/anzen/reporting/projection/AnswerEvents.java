package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/** Applies assessment-stream events: opening, answers (with history), sign-offs, carried-forward answers. */
final class AnswerEvents {

    private AnswerEvents() {
    }

    static void apply(Connection c, String type, JsonNode p, OffsetDateTime at, String eventId) throws SQLException {
        switch (type) {
            case "assessment-opened" -> opened(c, p, at);
            case "answer-recorded" -> answered(c, p, at, eventId);
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

    /** The new answer becomes current; the one it replaces stays, valid until now; a carried answer is confirmed. */
    private static void answered(Connection c, JsonNode p, OffsetDateTime at, String eventId) throws SQLException {
        String assessment = p.get("assessmentId").asText();
        String item = p.get("requirementId").asText();
        int round = p.get("round").asInt();
        Statements.execute(c, "UPDATE answer SET valid_to = ? WHERE assessment_id = ?::uuid AND requirement_id = ? AND round = ?"
                + " AND valid_to IS NULL", at, assessment, item, round);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO answer (assessment_id, requirement_id, round, value,"
                + " confirmed_on, target_date, note, valid_from, event_id, evidence)"
                + " VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            s.setString(1, assessment);
            s.setString(2, item);
            s.setInt(3, round);
            s.setString(4, p.get("value").asText());
            s.setDate(5, Date.valueOf(p.get("confirmedOn").asText()));
            s.setObject(6, p.hasNonNull("targetDate") ? Date.valueOf(p.get("targetDate").asText()) : null, Types.DATE);
            s.setString(7, p.hasNonNull("note") ? p.get("note").asText() : null);
            s.setObject(8, at);
            s.setString(9, eventId);
            s.setString(10, p.has("evidence") && p.get("evidence").isArray() ? p.get("evidence").toString() : "[]");
            s.executeUpdate();
        }
        Statements.execute(c, "UPDATE carried_answer SET confirmed_at = ? WHERE assessment_id = ?::uuid AND requirement_id = ?"
                + " AND confirmed_at IS NULL", at, assessment, item);
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
