package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers of consecutive answer-recorded events, written as three batches instead of three statements per
 * event: the intervals are worked out here. Per item and round, the current row is closed at the first new
 * answer's time, each new answer is valid until the next one's, and the last stays current; a carried-forward
 * answer is confirmed by the first. The result is the same as applying the events one by one.
 */
final class AnswerRows {

    private record Row(String assessmentId, String requirementId, int round, String value, String confirmedOn,
            String targetDate, String note, String evidence, OffsetDateTime at, String eventId) {
    }

    private final Map<String, List<Row>> byItem = new LinkedHashMap<>();

    void add(JsonNode p, OffsetDateTime at, String eventId) {
        Row row = new Row(p.get("assessmentId").asText(), p.get("requirementId").asText(), p.get("round").asInt(),
                p.get("value").asText(), p.get("confirmedOn").asText(), text(p, "targetDate"), text(p, "note"),
                p.has("evidence") && p.get("evidence").isArray() ? p.get("evidence").toString() : "[]", at, eventId);
        byItem.computeIfAbsent(row.assessmentId() + "|" + row.requirementId() + "|" + row.round(), k -> new ArrayList<>())
                .add(row);
    }

    void flush(Connection c) throws SQLException {
        if (byItem.isEmpty()) {
            return;
        }
        try (PreparedStatement close = c.prepareStatement("UPDATE answer SET valid_to = ? WHERE assessment_id = ?::uuid"
                + " AND requirement_id = ? AND round = ? AND valid_to IS NULL");
                PreparedStatement insert = c.prepareStatement("INSERT INTO answer (assessment_id, requirement_id, round, value,"
                        + " confirmed_on, target_date, note, valid_from, valid_to, event_id, evidence)"
                        + " VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)");
                PreparedStatement confirm = c.prepareStatement("UPDATE carried_answer SET confirmed_at = ?"
                        + " WHERE assessment_id = ?::uuid AND requirement_id = ? AND confirmed_at IS NULL")) {
            for (List<Row> rows : byItem.values()) {
                Row first = rows.get(0);
                close.setObject(1, first.at());
                close.setString(2, first.assessmentId());
                close.setString(3, first.requirementId());
                close.setInt(4, first.round());
                close.addBatch();
                confirm.setObject(1, first.at());
                confirm.setString(2, first.assessmentId());
                confirm.setString(3, first.requirementId());
                confirm.addBatch();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    insert.setString(1, row.assessmentId());
                    insert.setString(2, row.requirementId());
                    insert.setInt(3, row.round());
                    insert.setString(4, row.value());
                    insert.setDate(5, Date.valueOf(row.confirmedOn()));
                    insert.setObject(6, row.targetDate() == null ? null : Date.valueOf(row.targetDate()), Types.DATE);
                    insert.setString(7, row.note());
                    insert.setObject(8, row.at());
                    insert.setObject(9, i + 1 < rows.size() ? rows.get(i + 1).at() : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setString(10, row.eventId());
                    insert.setString(11, row.evidence());
                    insert.addBatch();
                }
            }
            // closing first: the new rows must not be closed by their own batch
            close.executeBatch();
            insert.executeBatch();
            confirm.executeBatch();
        }
        byItem.clear();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
