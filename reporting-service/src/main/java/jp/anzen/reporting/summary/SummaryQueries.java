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

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import jp.anzen.reporting.readiness.AsOf;

/**
 * Set-based queries over the projections: one statement per part of a summary, whatever the number of
 * facilities. Only facilities' own forms count here (vendor forms are reported per facility); a facility
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

    private String with(Scope scope) {
        return """
                WITH members AS (
                  SELECT f.code, f.name, f.kind, f.has_system FROM facility f
                  WHERE %s AND f.registered_at <= ?),
                forms AS (
                  SELECT a.id, a.facility_code, a.framework_id, a.version FROM assessment a JOIN members m ON m.code = a.facility_code
                  WHERE a.vendor_id IS NULL AND a.fiscal_year = ? AND a.opened_at <= ?),
                expected AS (
                  SELECT fo.id, CASE WHEN bool_and(m.has_system) THEN count(i.requirement_id) ELSE 0 END AS n
                  FROM forms fo JOIN members m ON m.code = fo.facility_code
                  LEFT JOIN catalogue_item i ON i.framework_id = fo.framework_id AND i.version = fo.version AND i.kind = 'item'
                       AND (cardinality(i.facility_kinds) = 0 OR m.kind = ANY (i.facility_kinds))
                  GROUP BY fo.id),
                current AS (
                  SELECT an.assessment_id, an.requirement_id, an.value, an.target_date, fo.facility_code
                  FROM answer an JOIN forms fo ON fo.id = an.assessment_id
                  JOIN catalogue_item i ON i.requirement_id = an.requirement_id AND i.kind = 'item'
                  WHERE an.round = 1 AND an.valid_from <= ? AND (an.valid_to IS NULL OR an.valid_to > ?))
                """.formatted(scope.filter);
    }

    /** Binds the parameters of {@link #with}: scope value, asOf (x2 for the scope), then asOf, year, asOf, asOf, asOf. */
    private static int bind(PreparedStatement s, String scopeValue, int fiscalYear, Instant asOf) throws SQLException {
        Timestamp at = Timestamp.from(asOf);
        int i = 1;
        s.setString(i++, scopeValue);
        s.setTimestamp(i++, at);
        s.setTimestamp(i++, at);
        s.setTimestamp(i++, at);
        s.setInt(i++, fiscalYear);
        s.setTimestamp(i++, at);
        s.setTimestamp(i++, at);
        s.setTimestamp(i++, at);
        return i;
    }

    public Summary summary(Scope scope, String scopeValue, int fiscalYear, Instant asOf) {
        Date today = Date.valueOf(AsOf.dateInJapan(asOf));
        try (Connection c = dataSource.getConnection()) {
            List<Summary.FacilityLine> facilities = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(with(scope) + """
                    SELECT m.code, m.name, m.kind, fo.id::text, coalesce(e.n, 0),
                           count(cu.requirement_id) FILTER (WHERE cu.value = 'yes'),
                           count(cu.requirement_id) FILTER (WHERE cu.value = 'no'),
                           count(cu.requirement_id) FILTER (WHERE cu.value = 'not-applicable'),
                           count(cu.requirement_id) FILTER (WHERE cu.value = 'no' AND cu.target_date < ?)
                    FROM members m LEFT JOIN forms fo ON fo.facility_code = m.code LEFT JOIN expected e ON e.id = fo.id
                    LEFT JOIN current cu ON cu.assessment_id = fo.id
                    GROUP BY m.code, m.name, m.kind, fo.id, e.n ORDER BY m.code, fo.id""")) {
                int next = bind(s, scopeValue, fiscalYear, asOf);
                s.setDate(next, today);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int expected = r.getInt(5);
                        int yes = r.getInt(6);
                        int no = r.getInt(7);
                        int na = r.getInt(8);
                        int answered = Math.min(expected, yes + no + na);
                        facilities.add(new Summary.FacilityLine(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                expected, yes, no, na, expected - answered,
                                expected == 0 ? (r.getString(4) == null ? 0.0 : 1.0) : Math.round(1000.0 * answered / expected) / 1000.0,
                                r.getInt(9)));
                    }
                }
            }
            List<Summary.ItemLine> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(with(scope) + """
                    SELECT cu.requirement_id, i.number, i.text_ja, count(*) FILTER (WHERE cu.value = 'no'), count(*),
                           (SELECT count(*) FROM forms)
                    FROM current cu JOIN catalogue_item i ON i.requirement_id = cu.requirement_id
                    GROUP BY cu.requirement_id, i.number, i.text_ja, i.position
                    ORDER BY count(*) FILTER (WHERE cu.value = 'no') DESC, i.position""")) {
                bind(s, scopeValue, fiscalYear, asOf);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int forms = Math.max(1, r.getInt(6));
                        items.add(new Summary.ItemLine(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5),
                                Math.round(1000.0 * r.getInt(4) / forms) / 1000.0));
                    }
                }
            }
            List<Summary.Overdue> overdue = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(with(scope) + """
                    SELECT cu.facility_code, cu.requirement_id, i.number, cu.target_date::text
                    FROM current cu JOIN catalogue_item i ON i.requirement_id = cu.requirement_id
                    WHERE cu.value = 'no' AND cu.target_date < ?
                    ORDER BY cu.target_date, cu.facility_code, i.position""")) {
                int next = bind(s, scopeValue, fiscalYear, asOf);
                s.setDate(next, today);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        overdue.add(new Summary.Overdue(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                    }
                }
            }
            long codes = facilities.stream().map(Summary.FacilityLine::code).distinct().count();
            int withoutFirst = (int) facilities.stream().collect(java.util.stream.Collectors.groupingBy(Summary.FacilityLine::code))
                    .values().stream().filter(lines -> lines.stream().allMatch(l -> l.yes() + l.no() + l.notApplicable() == 0))
                    .count();
            return new Summary(scope.name().toLowerCase(java.util.Locale.ROOT) + ":" + scopeValue, fiscalYear, asOf,
                    (int) codes, withoutFirst, facilities, items, overdue);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
