package jp.anzen.reporting.summary;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import jp.anzen.reporting.readiness.AsOf;

/**
 * A set-based query over the projections: one statement per summary, whatever the number of facilities. Only facilities' own forms count here (vendor forms are reported per facility); a facility
 * without a medical information system expects no items (its form is complete after the pre-question).
 */
@ApplicationScoped
public class SummaryQueries {

    /** Which facilities a summary covers. */
    public enum Scope {
        NETWORK("EXISTS (SELECT 1 FROM facility_network n WHERE n.facility_code = f.code AND n.network_id = ?"
                + " AND n.valid_from <= ? AND (n.valid_to IS NULL OR n.valid_to > ?))"),
        PREFECTURE("f.prefecture = ? AND ?::timestamptz IS NOT NULL AND ?::timestamptz IS NOT NULL");

        final String filter;

        Scope(String filter) {
            this.filter = filter;
        }
    }

    private final AgroalDataSource dataSource;

    public SummaryQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The whole summary in one statement: each CTE is evaluated once and feeds the three parts (facility lines,
     * item lines, overdue answers), told apart by the first column. Items expected are counted per form version
     * and facility kind (a handful of rows), not per facility.
     */
    /** The answers current now are exactly those not yet replaced: the partial index answer_current serves them. */
    private static final String CURRENT = "an.valid_to IS NULL AND ?::timestamptz IS NOT NULL AND ?::timestamptz IS NOT NULL";
    private static final String AS_OF = "an.valid_from <= ? AND (an.valid_to IS NULL OR an.valid_to > ?)";

    private static String sql(Scope scope, boolean now) {
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
                  WHERE an.round = 1 AND %s),
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
                WHERE cu.value = 'no' AND cu.target_date < ?""".formatted(scope.filter, now ? CURRENT : AS_OF);
    }

    public Summary summary(Scope scope, String scopeValue, int fiscalYear, Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        Date today = Date.valueOf(AsOf.dateInJapan(asOf));
        List<Summary.FacilityLine> facilities = new ArrayList<>();
        List<Summary.ItemLine> items = new ArrayList<>();
        List<Positioned<Summary.ItemLine>> itemOrder = new ArrayList<>();
        List<Positioned<Summary.Overdue>> overdue = new ArrayList<>();
        // "now" (no asOf given, or one past every answer): valid_from <= now holds for every row
        boolean now = !asOf.isBefore(Instant.now().minusSeconds(1));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql(scope, now))) {
            Object[] parameters = { scopeValue, at, at, at, fiscalYear, at, at, at, today, today };
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    switch (r.getString(1)) {
                        case "facility" -> facilities.add(facilityLine(r));
                        case "item" -> {
                            int forms = Math.max(1, r.getInt(12));
                            itemOrder.add(new Positioned<>(r.getInt(9), new Summary.ItemLine(r.getString(6), r.getString(7),
                                    r.getString(8), r.getInt(10), r.getInt(11), Math.round(1000.0 * r.getInt(10) / forms) / 1000.0)));
                        }
                        default -> overdue.add(new Positioned<>(r.getInt(9),
                                new Summary.Overdue(r.getString(2), r.getString(6), r.getString(7), r.getString(5))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        facilities.sort(Comparator.comparing(Summary.FacilityLine::code)
                .thenComparing(Summary.FacilityLine::assessmentId, Comparator.nullsLast(Comparator.naturalOrder())));
        itemOrder.sort(Comparator.<Positioned<Summary.ItemLine>>comparingInt(p -> -p.line().answeredNo())
                .thenComparingInt(Positioned::position));
        itemOrder.forEach(p -> items.add(p.line()));
        overdue.sort(Comparator.<Positioned<Summary.Overdue>, String>comparing(p -> p.line().targetDate())
                .thenComparing(p -> p.line().facilityCode()).thenComparingInt(Positioned::position));
        long codes = facilities.stream().map(Summary.FacilityLine::code).distinct().count();
        int withoutFirst = (int) facilities.stream().collect(java.util.stream.Collectors.groupingBy(Summary.FacilityLine::code))
                .values().stream().filter(lines -> lines.stream().allMatch(l -> l.yes() + l.no() + l.notApplicable() == 0))
                .count();
        return new Summary(scope.name().toLowerCase(java.util.Locale.ROOT) + ":" + scopeValue, fiscalYear, asOf,
                (int) codes, withoutFirst, facilities, items, overdue.stream().map(Positioned::line).toList());
    }

    /** A line and the catalogue position it sorts by. */
    private record Positioned<T>(int position, T line) {
    }

    private static Summary.FacilityLine facilityLine(ResultSet r) throws SQLException {
        String assessmentId = r.getString(5);
        int expected = r.getInt(9);
        int yes = r.getInt(10);
        int no = r.getInt(11);
        int na = r.getInt(12);
        int answered = Math.min(expected, yes + no + na);
        double completion = expected == 0 ? (assessmentId == null ? 0.0 : 1.0) : Math.round(1000.0 * answered / expected) / 1000.0;
        return new Summary.FacilityLine(r.getString(2), r.getString(3), r.getString(4), assessmentId, expected, yes, no, na,
                expected - answered, completion, r.getInt(13));
    }
}
