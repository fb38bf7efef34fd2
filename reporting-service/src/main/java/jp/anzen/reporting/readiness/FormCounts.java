package jp.anzen.reporting.readiness;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.anzen.reporting.sql.Parameters;

/**
 * The readiness counts of all of a facility's forms at an instant: a statement per kind of count for every form
 * together. Asked form by form, they were six statements per form, and a facility with four vendors has five
 * forms; readiness is the report read most often.
 */
final class FormCounts {

    private final Map<String, int[]> rounds = new HashMap<>(); // "id|round": yes, no, not applicable
    private final Map<String, Integer> overdue = new HashMap<>();
    private final Map<String, Integer> carriedUnconfirmed = new HashMap<>();
    private final Map<String, List<Integer>> signedOff = new HashMap<>();
    private final Map<String, List<Readiness.Inherited>> inherited = new HashMap<>(); // "framework|version"
    private final Map<String, List<Readiness.Dated>> deadlines = new HashMap<>();
    private final Map<String, List<Readiness.Dated>> goals = new HashMap<>();

    private FormCounts() {
    }

    static FormCounts read(Connection c, String facilityCode, String facilityKind, List<String> assessmentIds, Instant asOf)
            throws SQLException {
        FormCounts counts = new FormCounts();
        Object ids = c.createArrayOf("text", assessmentIds.toArray());
        Timestamp at = Timestamp.from(asOf);
        // answers to items (not the pre-question) current at asOf, by round and value
        query(c, """
                SELECT a.assessment_id::text, a.round, count(*) FILTER (WHERE a.value = 'yes'),
                       count(*) FILTER (WHERE a.value = 'no'), count(*) FILTER (WHERE a.value = 'not-applicable')
                FROM answer a JOIN catalogue_item i ON i.requirement_id = a.requirement_id AND i.kind = 'item'
                WHERE a.assessment_id = ANY (?::uuid[]) AND a.round IN (1, 2)
                  AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)
                GROUP BY 1, 2""", r -> counts.rounds.put(r.getString(1) + "|" + r.getInt(2),
                new int[] { r.getInt(3), r.getInt(4), r.getInt(5) }), ids, at, at);
        // items whose latest confirmation is "no" with a target date already past
        query(c, """
                SELECT latest.assessment_id::text, count(*) FROM (
                  SELECT DISTINCT ON (a.assessment_id, a.requirement_id) a.assessment_id, a.value, a.target_date
                  FROM answer a
                  WHERE a.assessment_id = ANY (?::uuid[]) AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)
                  ORDER BY a.assessment_id, a.requirement_id, a.round DESC) latest
                WHERE latest.value = 'no' AND latest.target_date < ?
                GROUP BY 1""", r -> counts.overdue.put(r.getString(1), r.getInt(2)), ids, at, at,
                Date.valueOf(AsOf.dateInJapan(asOf)));
        query(c, """
                SELECT DISTINCT assessment_id::text, round FROM round_signoff
                WHERE assessment_id = ANY (?::uuid[]) AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
                ORDER BY 1, 2""", r -> counts.signedOff.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getInt(2)),
                ids, at, at);
        query(c, """
                SELECT assessment_id::text, count(*) FROM carried_answer
                WHERE assessment_id = ANY (?::uuid[]) AND carried_at <= ? AND (confirmed_at IS NULL OR confirmed_at > ?)
                GROUP BY 1""", r -> counts.carriedUnconfirmed.put(r.getString(1), r.getInt(2)), ids, at, at);
        // what the profiles of the services the facility declared at asOf say about each form's items
        query(c, """
                SELECT p.framework_id || '|' || p.framework_version, e.requirement_id, i.number, e.responsibility,
                       p.profile_id, p.version, p.provider
                FROM facility_service fs
                JOIN service_profile p ON p.profile_id = fs.profile_id AND p.version = fs.version
                JOIN service_profile_entry e ON e.profile_id = p.profile_id AND e.version = p.version
                LEFT JOIN catalogue_item i ON i.requirement_id = e.requirement_id
                WHERE fs.facility_code = ? AND fs.valid_from <= ? AND (fs.valid_to IS NULL OR fs.valid_to > ?)
                ORDER BY i.position, p.profile_id""", r -> counts.inherited.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                .add(new Readiness.Inherited(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7))), facilityCode, at, at);
        // the items of each form with a deadline or a goal, and the latest confirmation of each at asOf
        java.time.LocalDate today = AsOf.dateInJapan(asOf);
        query(c, """
                SELECT a.id::text, i.requirement_id, i.number, i.deadline, i.goal_by, i.goal_condition_ja, i.goal_condition_en,
                       (SELECT x.value FROM answer x WHERE x.assessment_id = a.id AND x.requirement_id = i.requirement_id
                          AND x.valid_from <= ? AND (x.valid_to IS NULL OR x.valid_to > ?) ORDER BY x.round DESC LIMIT 1)
                FROM assessment a JOIN catalogue_item i ON i.framework_id = a.framework_id AND i.version = a.version
                WHERE a.id = ANY (?::uuid[]) AND i.kind <> 'group'
                  AND (cardinality(i.facility_kinds) = 0 OR ? = ANY (i.facility_kinds))
                  AND (i.deadline IS NOT NULL OR i.goal_by IS NOT NULL OR i.goal_condition_ja IS NOT NULL
                       OR i.goal_condition_en IS NOT NULL)
                ORDER BY a.id, i.position""", r -> counts.dated(r, today), at, at, ids, facilityKind);
        return counts;
    }

    private void dated(ResultSet r, java.time.LocalDate today) throws SQLException {
        String answer = r.getString(8);
        boolean met = "yes".equals(answer) || "not-applicable".equals(answer);
        Date deadline = r.getDate(4);
        if (deadline != null) {
            String status = met ? "met" : deadline.toLocalDate().isBefore(today) ? "missed" : "open";
            deadlines.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Readiness.Dated(r.getString(2),
                    r.getString(3), deadline.toLocalDate(), null, null, answer, status));
        }
        Date by = r.getDate(5);
        if (by != null || r.getString(6) != null || r.getString(7) != null) {
            goals.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Readiness.Dated(r.getString(2),
                    r.getString(3), by == null ? null : by.toLocalDate(), r.getString(6), r.getString(7), answer,
                    met ? "reached" : "open"));
        }
    }

    List<Readiness.Dated> deadlines(String assessmentId) {
        return deadlines.getOrDefault(assessmentId, List.of());
    }

    List<Readiness.Dated> goals(String assessmentId) {
        return goals.getOrDefault(assessmentId, List.of());
    }

    Readiness.Round round(String assessmentId, int round, int expected) {
        int[] c = rounds.getOrDefault(assessmentId + "|" + round, new int[3]);
        return new Readiness.Round(c[0], c[1], c[2], Math.max(0, expected - c[0] - c[1] - c[2]));
    }

    int overdue(String assessmentId) {
        return overdue.getOrDefault(assessmentId, 0);
    }

    List<Integer> signedOff(String assessmentId) {
        return signedOff.getOrDefault(assessmentId, List.of());
    }

    int carriedUnconfirmed(String assessmentId) {
        return carriedUnconfirmed.getOrDefault(assessmentId, 0);
    }

    List<Readiness.Inherited> inherited(String frameworkId, String version) {
        return inherited.getOrDefault(frameworkId + "|" + version, List.of());
    }

    private interface Row {
        void accept(ResultSet r) throws SQLException;
    }

    private static void query(Connection c, String sql, Row row, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Parameters.bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    row.accept(r);
                }
            }
        }
    }
}
