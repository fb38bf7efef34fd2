package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import jp.anzen.reporting.sql.Parameters;

/**
 * Answers of consecutive answer-recorded events, written in three statements for the whole batch instead of
 * three per event: the intervals are worked out here. Per item and round, the current row is closed at the first new
 * answer's time, each new answer is valid until the next one's, and the last stays current; a carried-forward
 * answer is confirmed by the first. The result is the same as applying the events one by one.
 */
final class AnswerRows {

    private record Row(String assessmentId, String requirementId, int round, String value, String confirmedOn,
            String targetDate, String note, String evidence, OffsetDateTime at, String eventId) {
    }

    private static final String INSERT = "INSERT INTO answer (assessment_id, requirement_id, round, value, confirmed_on,"
            + " target_date, note, valid_from, valid_to, event_id, evidence) VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

    private final Map<String, List<Row>> byItem = new LinkedHashMap<>();
    private final Set<String> pendingAssessments = new HashSet<>();
    /**
     * Forms opened in the batch: their current answers are worked out at the flush too, so that a form opened after its
     * catalogue version arrived has them as one opened before it does (the version's arrival refreshes those).
     */
    private final Set<String> opened = new HashSet<>();
    /**
     * Whether these answers may come after later answers to their items (a dead-lettered answer replayed): each is then
     * put at its place in the item's history instead of after its end.
     */
    private final boolean outOfTurn;

    AnswerRows(boolean outOfTurn) {
        this.outOfTurn = outOfTurn;
    }

    /** The answers of an {@code answers-recorded} event, or the one of an {@code answer-recorded} (the first contract). */
    void add(String type, JsonNode payload, OffsetDateTime at, String eventId) {
        String assessmentId = payload.get("assessmentId").asText();
        if (AnswerEvents.RECORDED.equals(type)) {
            addAnswer(assessmentId, payload, at, eventId);
        } else {
            JsonNode answers = payload.get("answers");
            if (answers == null || !answers.isArray() || answers.isEmpty()) {
                throw new UnreadableEventException("an answers-recorded event without answers");
            }
            answers.forEach(answer -> addAnswer(assessmentId, answer, at, eventId));
        }
    }

    private void addAnswer(String assessmentId, JsonNode p, OffsetDateTime at, String eventId) {
        Row row = new Row(assessmentId, p.get("requirementId").asText(), p.get("round").asInt(),
                p.get("value").asText(), p.get("confirmedOn").asText(), text(p, "targetDate"), text(p, "note"),
                p.has("evidence") && p.get("evidence").isArray() ? p.get("evidence").toString() : "[]", at, eventId);
        byItem.computeIfAbsent(row.assessmentId() + "|" + row.requirementId() + "|" + row.round(), k -> new ArrayList<>())
                .add(row);
        pendingAssessments.add(row.assessmentId());
    }

    private void refreshCurrent(Connection c) throws SQLException {
        opened.addAll(pendingAssessments);
        CurrentAnswers.refresh(c, opened);
        byItem.clear();
        pendingAssessments.clear();
        opened.clear();
    }

    /** A form opened in this batch (written before the flush, with the batch's other new rows). */
    void opened(String assessmentId) {
        opened.add(assessmentId);
    }

    /** Whether answers of this assessment wait to be written. */
    boolean pendingFor(String assessmentId) {
        return pendingAssessments.contains(assessmentId);
    }

    void flush(Connection c) throws SQLException {
        if (byItem.isEmpty()) {
            if (!opened.isEmpty()) {
                refreshCurrent(c);
            }
            return;
        }
        if (outOfTurn) {
            flushIntoHistory(c);
            return;
        }
        List<Row> firsts = byItem.values().stream().map(rows -> rows.get(0)).toList();
        String[] assessments = firsts.stream().map(Row::assessmentId).toArray(String[]::new);
        String[] requirements = firsts.stream().map(Row::requirementId).toArray(String[]::new);
        Integer[] rounds = firsts.stream().map(Row::round).toArray(Integer[]::new);
        String[] times = firsts.stream().map(r -> r.at().toString()).toArray(String[]::new);
        // closing first, in one statement for the whole batch: the new rows must not be closed by their own batch
        try (PreparedStatement close = c.prepareStatement("""
                UPDATE answer a SET valid_to = v.at::timestamptz
                FROM unnest(?::text[], ?::text[], ?::int[], ?::text[]) AS v(assessment_id, requirement_id, round, at)
                WHERE a.assessment_id = v.assessment_id::uuid AND a.requirement_id = v.requirement_id
                  AND a.round = v.round AND a.valid_to IS NULL""")) {
            close.setArray(1, c.createArrayOf("text", assessments));
            close.setArray(2, c.createArrayOf("text", requirements));
            close.setArray(3, c.createArrayOf("int4", rounds));
            close.setArray(4, c.createArrayOf("text", times));
            close.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (List<Row> rows : byItem.values()) {
                for (int i = 0; i < rows.size(); i++) {
                    bind(insert, rows.get(i), i + 1 < rows.size() ? rows.get(i + 1).at() : null);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        // a carried answer is confirmed by the first answer to its item, whichever round
        Map<String, Row> firstPerItem = new LinkedHashMap<>();
        firsts.forEach(r -> firstPerItem.putIfAbsent(r.assessmentId() + "|" + r.requirementId(), r));
        try (PreparedStatement confirm = c.prepareStatement("""
                UPDATE carried_answer ca SET confirmed_at = v.at::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[]) AS v(assessment_id, requirement_id, at)
                WHERE ca.assessment_id = v.assessment_id::uuid AND ca.requirement_id = v.requirement_id
                  AND ca.confirmed_at IS NULL""")) {
            confirm.setArray(1, c.createArrayOf("text", firstPerItem.values().stream().map(Row::assessmentId).toArray()));
            confirm.setArray(2, c.createArrayOf("text", firstPerItem.values().stream().map(Row::requirementId).toArray()));
            confirm.setArray(3, c.createArrayOf("text", firstPerItem.values().stream().map(r -> r.at().toString()).toArray()));
            confirm.executeUpdate();
        }
        refreshCurrent(c);
    }

    /**
     * Each answer splits the interval of the row valid at its time (that row now ends there) and lasts until the next
     * answer to its item, or stays current when there is none; a carried answer is confirmed by it if it comes first.
     * One event at a time, hence a few statements per answer: only replays take this way.
     */
    private void flushIntoHistory(Connection c) throws SQLException {
        String item = " assessment_id = ?::uuid AND requirement_id = ? AND round = ?";
        try (PreparedStatement next = c.prepareStatement("SELECT min(valid_from) FROM answer WHERE" + item + " AND valid_from > ?");
                PreparedStatement split = c.prepareStatement("UPDATE answer SET valid_to = ? WHERE" + item
                        + " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)");
                PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement confirm = c.prepareStatement("UPDATE carried_answer SET confirmed_at = ? WHERE"
                        + " assessment_id = ?::uuid AND requirement_id = ? AND (confirmed_at IS NULL OR confirmed_at > ?)")) {
            for (List<Row> rows : byItem.values()) {
                for (Row row : rows) {
                    Object[] key = { row.assessmentId(), row.requirementId(), row.round() };
                    Parameters.bind(next, key[0], key[1], key[2], row.at());
                    OffsetDateTime until;
                    try (var r = next.executeQuery()) {
                        r.next();
                        until = r.getObject(1, OffsetDateTime.class);
                    }
                    Parameters.bind(split, row.at(), key[0], key[1], key[2], row.at(), row.at());
                    split.executeUpdate();
                    bind(insert, row, until);
                    insert.executeUpdate();
                    Parameters.bind(confirm, row.at(), row.assessmentId(), row.requirementId(), row.at());
                    confirm.executeUpdate();
                }
            }
        }
        refreshCurrent(c);
    }

    /** One answer row, valid from its time until {@code validTo} (null: current). */
    private static void bind(PreparedStatement insert, Row row, OffsetDateTime validTo) throws SQLException {
        insert.setString(1, row.assessmentId());
        insert.setString(2, row.requirementId());
        insert.setInt(3, row.round());
        insert.setString(4, row.value());
        insert.setDate(5, Date.valueOf(row.confirmedOn()));
        insert.setObject(6, row.targetDate() == null ? null : Date.valueOf(row.targetDate()), Types.DATE);
        insert.setString(7, row.note());
        insert.setObject(8, row.at());
        insert.setObject(9, validTo, Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setString(10, row.eventId());
        insert.setString(11, row.evidence());
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
