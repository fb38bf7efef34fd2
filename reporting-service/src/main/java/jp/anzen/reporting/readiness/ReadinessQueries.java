package jp.anzen.reporting.readiness;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import jp.anzen.reporting.access.Reader.FacilityScope;

/** Reads readiness from the projections; nothing here folds events. */
@ApplicationScoped
public class ReadinessQueries {

    private final AgroalDataSource dataSource;

    public ReadinessQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record FacilityRow(FacilityScope scope, String name, String kind) {
    }

    /** The facility as registered at {@code asOf}, with the networks it belonged to then. */
    public Optional<FacilityRow> facility(String code, Instant asOf) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT f.name, f.kind, f.prefecture, n.network_id FROM facility f"
                        + " LEFT JOIN facility_network n ON n.facility_code = f.code AND n.valid_from <= ?"
                        + "   AND (n.valid_to IS NULL OR n.valid_to > ?)"
                        + " WHERE f.code = ? AND f.registered_at <= ?")) {
            Timestamp at = Timestamp.from(asOf);
            s.setTimestamp(1, at);
            s.setTimestamp(2, at);
            s.setString(3, code);
            s.setTimestamp(4, at);
            try (ResultSet r = s.executeQuery()) {
                FacilityRow row = null;
                Set<String> networks = new HashSet<>();
                while (r.next()) {
                    if (row == null) {
                        row = new FacilityRow(new FacilityScope(code, r.getString(3), networks, Set.copyOf(vendors(code, asOf))),
                                r.getString(1), r.getString(2));
                    }
                    if (r.getString(4) != null) {
                        networks.add(r.getString(4));
                    }
                }
                return Optional.ofNullable(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form as reports that show its items name it, without the readiness counts. */
    public record FormIdentity(String assessmentId, String frameworkId, String version, String titleJa, String vendorId,
            int fiscalYear) {
    }

    /**
     * The facility's forms in one query: the inspection form and OSCAL list their own items, and the counts of
     * {@link #forms} cost about seven queries per form (the inspection form is what the load tool polls).
     */
    public List<FormIdentity> formIdentities(String code, Integer fiscalYear, Instant asOf) {
        List<FormIdentity> forms = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT a.id::text, a.framework_id, a.version, v.title_ja, a.vendor_id, a.fiscal_year
                        FROM assessment a LEFT JOIN catalogue_version v USING (framework_id, version)
                        WHERE a.facility_code = ? AND a.opened_at <= ? AND (?::int IS NULL OR a.fiscal_year = ?)
                        ORDER BY a.fiscal_year, a.framework_id, a.vendor_id NULLS FIRST""")) {
            s.setString(1, code);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setObject(3, fiscalYear, Types.INTEGER);
            s.setObject(4, fiscalYear, Types.INTEGER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    forms.add(new FormIdentity(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getInt(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return forms;
    }

    public List<Readiness.Form> forms(String code, String facilityKind, Integer fiscalYear, Instant asOf) {
        List<Readiness.Form> forms = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT a.id::text, a.framework_id, a.version, v.title_ja, v.title_en, a.vendor_id, a.fiscal_year,
                               -- without a medical information system, the form is complete after the pre-question
                               CASE WHEN f.has_system OR a.vendor_id IS NOT NULL THEN
                               (SELECT count(*) FROM catalogue_item i WHERE i.framework_id = a.framework_id
                                  AND i.version = a.version AND i.kind = 'item'
                                  AND (cardinality(i.facility_kinds) = 0 OR ? = ANY (i.facility_kinds))) ELSE 0 END
                        FROM assessment a JOIN facility f ON f.code = a.facility_code
                        LEFT JOIN catalogue_version v USING (framework_id, version)
                        WHERE a.facility_code = ? AND a.opened_at <= ? AND (?::int IS NULL OR a.fiscal_year = ?)
                        ORDER BY a.fiscal_year, a.framework_id, a.vendor_id NULLS FIRST""")) {
            s.setString(1, facilityKind);
            s.setString(2, code);
            s.setTimestamp(3, Timestamp.from(asOf));
            s.setObject(4, fiscalYear, Types.INTEGER);
            s.setObject(5, fiscalYear, Types.INTEGER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    int expected = r.getInt(8);
                    forms.add(new Readiness.Form(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getInt(7), expected, round(c, id, 1, expected, asOf),
                            round(c, id, 2, expected, asOf), overdue(c, id, asOf), signedOff(c, id, asOf),
                            count(c, "SELECT count(*) FROM carried_answer WHERE assessment_id = ?::uuid AND carried_at <= ?"
                                    + " AND (confirmed_at IS NULL OR confirmed_at > ?)", id, asOf),
                            inherited(c, code, r.getString(2), r.getString(3), asOf)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return forms;
    }

    /** The coverage of the form's items by the profiles of the services the facility declared at {@code asOf}. */
    private static List<Readiness.Inherited> inherited(Connection c, String code, String frameworkId, String version,
            Instant asOf) throws SQLException {
        List<Readiness.Inherited> inherited = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT e.requirement_id, i.number, e.responsibility, p.profile_id, p.version, p.provider
                FROM facility_service fs
                JOIN service_profile p ON p.profile_id = fs.profile_id AND p.version = fs.version
                JOIN service_profile_entry e ON e.profile_id = p.profile_id AND e.version = p.version
                LEFT JOIN catalogue_item i ON i.requirement_id = e.requirement_id
                WHERE fs.facility_code = ? AND fs.valid_from <= ? AND (fs.valid_to IS NULL OR fs.valid_to > ?)
                  AND p.framework_id = ? AND p.framework_version = ?
                ORDER BY i.position, p.profile_id""")) {
            Timestamp at = Timestamp.from(asOf);
            s.setString(1, code);
            s.setTimestamp(2, at);
            s.setTimestamp(3, at);
            s.setString(4, frameworkId);
            s.setString(5, version);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inherited.add(new Readiness.Inherited(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6)));
                }
            }
        }
        return inherited;
    }

    /** The vendors under contract with the facility at {@code asOf}. */
    public List<String> vendors(String code, Instant asOf) {
        List<String> vendors = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT vendor_id FROM facility_vendor WHERE facility_code = ?"
                        + " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY vendor_id")) {
            s.setString(1, code);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setTimestamp(3, Timestamp.from(asOf));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    vendors.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return vendors;
    }

    private static List<Integer> signedOff(Connection c, String assessmentId, Instant asOf) throws SQLException {
        List<Integer> rounds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT round FROM round_signoff WHERE assessment_id = ?::uuid"
                + " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY round")) {
            s.setString(1, assessmentId);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setTimestamp(3, Timestamp.from(asOf));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rounds.add(r.getInt(1));
                }
            }
        }
        return rounds;
    }

    private static int count(Connection c, String sql, String assessmentId, Instant asOf) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, assessmentId);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setTimestamp(3, Timestamp.from(asOf));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Answers to items (not the pre-question) that were current at {@code asOf}, by value. */
    private static Readiness.Round round(Connection c, String assessmentId, int round, int expected, Instant asOf)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE a.value = 'yes'), count(*) FILTER (WHERE a.value = 'no'),
                       count(*) FILTER (WHERE a.value = 'not-applicable')
                FROM answer a JOIN catalogue_item i ON i.requirement_id = a.requirement_id AND i.kind = 'item'
                WHERE a.assessment_id = ?::uuid AND a.round = ?
                  AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)""")) {
            Timestamp at = Timestamp.from(asOf);
            s.setString(1, assessmentId);
            s.setInt(2, round);
            s.setTimestamp(3, at);
            s.setTimestamp(4, at);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int yes = r.getInt(1);
                int no = r.getInt(2);
                int notApplicable = r.getInt(3);
                return new Readiness.Round(yes, no, notApplicable, Math.max(0, expected - yes - no - notApplicable));
            }
        }
    }

    /** Items whose latest confirmation at {@code asOf} is 'no' with a target date already past. */
    private static int overdue(Connection c, String assessmentId, Instant asOf) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM (
                  SELECT DISTINCT ON (a.requirement_id) a.value, a.target_date
                  FROM answer a
                  WHERE a.assessment_id = ?::uuid AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)
                  ORDER BY a.requirement_id, a.round DESC) latest
                WHERE latest.value = 'no' AND latest.target_date < ?""")) {
            Timestamp at = Timestamp.from(asOf);
            s.setString(1, assessmentId);
            s.setTimestamp(2, at);
            s.setTimestamp(3, at);
            s.setDate(4, Date.valueOf(AsOf.dateInJapan(asOf)));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
