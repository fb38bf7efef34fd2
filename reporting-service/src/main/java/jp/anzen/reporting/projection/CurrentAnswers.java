package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Keeps {@code assessment.current_answers} and {@code current_no_targets} of facilities' own forms (the summaries
 * count only those; vendor pushes, most of the writes, need no refresh): a form's current first-round answers as one
 * character per item in catalogue order, and the target dates of its current "no" answers (see V5). Worked out
 * again from the answer rows, never patched, so that they cannot drift from them. A form gets both when it is opened
 * (or answered); one whose catalogue version is not projected yet has neither, and gets both when the version arrives,
 * so that the order the two topics arrive in (live, or in a rebuild) makes no difference.
 */
final class CurrentAnswers {

    /** The V5 migration filled the forms that existed then with this same statement: keep the two alike. */
    private static final String REFRESH = """
            UPDATE assessment a SET current_answers = v.answers, current_no_targets = v.no_targets
            FROM (SELECT a.id,
                         string_agg(CASE an.value WHEN 'yes' THEN 'y' WHEN 'no' THEN 'n' WHEN 'not-applicable' THEN 'a' ELSE '.' END,
                                    '' ORDER BY i.position, i.requirement_id) AS answers,
                         string_agg(coalesce(CASE WHEN an.value = 'no' THEN an.target_date::text END, ''), ','
                                    ORDER BY i.position, i.requirement_id) AS no_targets
                  FROM assessment a
                  JOIN catalogue_item i ON i.framework_id = a.framework_id AND i.version = a.version AND i.kind = 'item'
                  LEFT JOIN answer an ON an.assessment_id = a.id AND an.requirement_id = i.requirement_id AND an.round = 1
                                     AND an.valid_to IS NULL
                  WHERE a.vendor_id IS NULL AND %s
                  GROUP BY a.id) v
            WHERE a.id = v.id""";

    private CurrentAnswers() {
    }

    /** After answers of these forms were written. */
    static void refresh(Connection c, Collection<String> assessmentIds) throws SQLException {
        if (assessmentIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(REFRESH.formatted("a.id = ANY (?::uuid[])"))) {
            s.setArray(1, c.createArrayOf("text", assessmentIds.toArray()));
            s.executeUpdate();
        }
    }

    /** After a catalogue version was projected: forms answered before it arrived. */
    static void refreshVersion(Connection c, String frameworkId, String version) throws SQLException {
        Statements.execute(c, REFRESH.formatted("a.framework_id = ? AND a.version = ?"), frameworkId, version);
    }
}
