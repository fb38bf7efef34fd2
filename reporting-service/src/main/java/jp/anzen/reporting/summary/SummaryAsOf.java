package jp.anzen.reporting.summary;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jp.anzen.reporting.sql.Parameters;
import jp.anzen.reporting.readiness.AsOf;

/**
 * A summary as of any instant, from the answers' validity intervals: one statement whose CTEs are each evaluated
 * once and feed the three parts (facility lines, item lines, overdue answers), told apart by the first column.
 * Items expected are counted per form version and facility kind (a handful of rows), not per facility.
 */
final class SummaryAsOf {

    private static String sql(SummaryQueries.Scope scope) {
        return """
                WITH members AS MATERIALIZED (
                  SELECT f.code, f.name, f.kind, f.has_system FROM facility f
                  WHERE %s AND f.registered_at <= ?),
                forms AS MATERIALIZED (
                  SELECT a.id, a.facility_code, a.framework_id, a.version, m.kind FROM assessment a
                  JOIN members m ON m.code = a.facility_code
                  WHERE a.vendor_id IS NULL AND a.fiscal_year = ? AND a.opened_at <= ?),
                expected AS (
                  SELECT k.framework_id, k.version, k.kind, count(i.requirement_id) AS n
                  FROM (SELECT DISTINCT framework_id, version, kind FROM forms) k
                  LEFT JOIN catalogue_item i ON i.framework_id = k.framework_id AND i.version = k.version AND i.kind = 'item'
                       AND (cardinality(i.facility_kinds) = 0 OR k.kind = ANY (i.facility_kinds))
                  GROUP BY k.framework_id, k.version, k.kind),
                current AS MATERIALIZED (
                  SELECT an.assessment_id, an.requirement_id, an.value, an.target_date, fo.facility_code
                  FROM answer an JOIN forms fo ON fo.id = an.assessment_id
                  JOIN catalogue_item i ON i.requirement_id = an.requirement_id AND i.kind = 'item'
                  WHERE an.round = 1 AND an.valid_from <= ? AND (an.valid_to IS NULL OR an.valid_to > ?)),
                counts AS (
                  SELECT assessment_id, count(*) FILTER (WHERE value = 'yes') AS yes, count(*) FILTER (WHERE value = 'no') AS no,
                         count(*) FILTER (WHERE value = 'not-applicable') AS na,
                         count(*) FILTER (WHERE value = 'no' AND target_date < ?) AS overdue
                  FROM current GROUP BY assessment_id)
                SELECT 'facility', m.code, m.name, m.kind, fo.id::text, NULL, NULL, NULL,
                       CASE WHEN m.has_system THEN coalesce(e.n, 0) ELSE 0 END, coalesce(c.yes, 0), coalesce(c.no, 0),
                       coalesce(c.na, 0), coalesce(c.overdue, 0)
                FROM members m LEFT JOIN forms fo ON fo.facility_code = m.code
                LEFT JOIN expected e ON e.framework_id = fo.framework_id AND e.version = fo.version AND e.kind = fo.kind
                LEFT JOIN counts c ON c.assessment_id = fo.id
                UNION ALL
                SELECT 'item', NULL, NULL, NULL, NULL, per.requirement_id, i.number, i.text_ja, i.position,
                       per.no, per.answered, (SELECT count(*) FROM forms), 0
                FROM (SELECT requirement_id, count(*) FILTER (WHERE value = 'no') AS no, count(*) AS answered
                      FROM current GROUP BY requirement_id) per
                JOIN catalogue_item i ON i.requirement_id = per.requirement_id
                UNION ALL
                SELECT 'overdue', cu.facility_code, NULL, NULL, cu.target_date::text, cu.requirement_id, i.number, NULL,
                       i.position, 0, 0, 0, 0
                FROM current cu JOIN catalogue_item i ON i.requirement_id = cu.requirement_id
                WHERE cu.value = 'no' AND cu.target_date < ?""".formatted(scope.filter);
    }

    private SummaryAsOf() {
    }

    static SummaryParts read(Connection c, SummaryQueries.Scope scope, String scopeValue, int fiscalYear, Instant asOf)
            throws SQLException {
        Timestamp at = Timestamp.from(asOf);
        Date today = Date.valueOf(AsOf.dateInJapan(asOf));
        List<Summary.FacilityLine> facilities = new ArrayList<>();
        List<SummaryParts.ItemCount> items = new ArrayList<>();
        List<SummaryParts.OverdueAnswer> overdue = new ArrayList<>();
        int forms = 0;
        try (PreparedStatement s = c.prepareStatement(sql(scope))) {
            Object[] parameters = { scopeValue, at, at, at, fiscalYear, at, at, at, today, today };
            Parameters.bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    switch (r.getString(1)) {
                        case "facility" -> facilities.add(SummaryParts.line(r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getInt(9), r.getInt(10), r.getInt(11), r.getInt(12), r.getInt(13)));
                        case "item" -> {
                            forms = r.getInt(12);
                            items.add(new SummaryParts.ItemCount(r.getString(6), r.getString(7), r.getString(8), r.getInt(9),
                                    r.getInt(10), r.getInt(11)));
                        }
                        default -> overdue.add(new SummaryParts.OverdueAnswer(r.getString(2), r.getString(6), r.getString(7),
                                r.getString(5), r.getInt(9)));
                    }
                }
            }
        }
        return new SummaryParts(facilities, items, forms, overdue);
    }
}
