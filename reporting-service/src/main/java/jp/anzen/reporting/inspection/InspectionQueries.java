package jp.anzen.reporting.inspection;

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

/** Every applicable item of a form with its current first and second confirmation at an instant: one query per form. */
@ApplicationScoped
public class InspectionQueries {

    private final AgroalDataSource dataSource;

    public InspectionQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<InspectionForm.Item> items(String assessmentId, String frameworkId, String version, String facilityKind,
            Instant asOf) {
        List<InspectionForm.Item> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT i.requirement_id, i.number, i.text_ja, i.target, i.kind,
                               a1.value, a1.confirmed_on, a1.target_date, a2.value, a2.confirmed_on, a2.target_date,
                               (SELECT json_agg(json_build_array(ch.to_version, ch.relation, ch.note) ORDER BY ch.to_version)::text
                                FROM catalogue_change ch JOIN catalogue_version rv
                                  ON rv.framework_id = ch.to_framework AND rv.version = ch.to_version
                                WHERE ch.from_requirement = i.requirement_id AND rv.framework_id = i.framework_id
                                  AND rv.revision_of = i.version)
                        FROM catalogue_item i
                        LEFT JOIN answer a1 ON a1.assessment_id = ?::uuid AND a1.requirement_id = i.requirement_id AND a1.round = 1
                             AND a1.valid_from <= ? AND (a1.valid_to IS NULL OR a1.valid_to > ?)
                        LEFT JOIN answer a2 ON a2.assessment_id = ?::uuid AND a2.requirement_id = i.requirement_id AND a2.round = 2
                             AND a2.valid_from <= ? AND (a2.valid_to IS NULL OR a2.valid_to > ?)
                        WHERE i.framework_id = ? AND i.version = ? AND i.kind IN ('item', 'pre-question')
                          AND (cardinality(i.facility_kinds) = 0 OR ? = ANY (i.facility_kinds))
                        ORDER BY i.position""")) {
            Timestamp at = Timestamp.from(asOf);
            int p = 1;
            for (int round = 0; round < 2; round++) {
                s.setString(p++, assessmentId);
                s.setTimestamp(p++, at);
                s.setTimestamp(p++, at);
            }
            s.setString(p++, frameworkId);
            s.setString(p++, version);
            s.setString(p, facilityKind);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(new InspectionForm.Item(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), confirmation(r, 6), confirmation(r, 9), changes(r.getString(12))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return items;
    }

    private static List<InspectionForm.Change> changes(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<InspectionForm.Change> changes = new ArrayList<>();
            for (var change : JSON.readTree(json)) {
                changes.add(new InspectionForm.Change(change.get(0).asText(), change.get(1).asText(),
                        change.get(2).isNull() ? null : change.get(2).asText()));
            }
            return changes;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static InspectionForm.Confirmation confirmation(ResultSet r, int column) throws SQLException {
        String value = r.getString(column);
        if (value == null) {
            return null;
        }
        Date confirmed = r.getDate(column + 1);
        Date target = r.getDate(column + 2);
        return new InspectionForm.Confirmation(value, confirmed == null ? null : confirmed.toLocalDate(),
                target == null ? null : target.toLocalDate());
    }
}
