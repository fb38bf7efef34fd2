package jp.anzen.reporting.readiness;

import java.sql.Connection;
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
            int fiscalYear, Provisional provisional) {
    }

    /**
     * The facility's forms in one query, for the inspection form and OSCAL, which list their own items: {@link #forms}
     * adds the readiness counts in five more statements (the inspection form is what the load tool polls).
     */
    public List<FormIdentity> formIdentities(String code, Integer fiscalYear, Instant asOf) {
        List<FormIdentity> forms = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT a.id::text, a.framework_id, a.version, v.title_ja, a.vendor_id, a.fiscal_year,
                               v.provisional_reason
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
                            r.getInt(6), Provisional.of(r.getString(7))));
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
                               v.provisional_reason,
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
            record Row(String id, String frameworkId, String version, String titleJa, String titleEn, String vendorId,
                    int fiscalYear, String provisional, int expected) {
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getInt(7), r.getString(8), r.getInt(9)));
                }
            }
            FormCounts counts = FormCounts.read(c, code, facilityKind, rows.stream().map(Row::id).toList(), asOf);
            for (Row f : rows) {
                forms.add(new Readiness.Form(f.id(), f.frameworkId(), f.version(), f.titleJa(), f.titleEn(), f.vendorId(),
                        f.fiscalYear(), f.expected(), counts.round(f.id(), 1, f.expected()), counts.round(f.id(), 2, f.expected()),
                        counts.overdue(f.id()), counts.signedOff(f.id()), counts.carriedUnconfirmed(f.id()),
                        counts.inherited(f.frameworkId(), f.version()), Provisional.of(f.provisional()),
                        counts.deadlines(f.id()), counts.goals(f.id())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return forms;
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
}
