package jp.anzen.reporting.oscal;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Every applicable item of an assessment's form with its current answer at an instant, evidence included. */
@ApplicationScoped
public class AssessmentResultsQueries {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public AssessmentResultsQueries(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    List<AssessedItem> items(String assessmentId, String frameworkId, String version, String facilityKind, Instant asOf) {
        List<AssessedItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT i.requirement_id, i.number, i.text_ja,
                               a.round, a.value, a.confirmed_on, a.target_date, a.note, a.valid_from, a.evidence::text
                        FROM catalogue_item i
                        LEFT JOIN LATERAL (
                            SELECT * FROM answer a WHERE a.assessment_id = ?::uuid AND a.requirement_id = i.requirement_id
                               AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)
                            ORDER BY a.round DESC LIMIT 1) a ON true
                        WHERE i.framework_id = ? AND i.version = ? AND i.kind IN ('item', 'pre-question')
                          AND (cardinality(i.facility_kinds) = 0 OR ? = ANY (i.facility_kinds))
                        ORDER BY i.position""")) {
            Timestamp at = Timestamp.from(asOf);
            s.setString(1, assessmentId);
            s.setTimestamp(2, at);
            s.setTimestamp(3, at);
            s.setString(4, frameworkId);
            s.setString(5, version);
            s.setString(6, facilityKind);
            String prefix = frameworkId + ":" + version + ":";
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    AssessedItem.Answer answer = null;
                    if (r.getString(5) != null) {
                        Date target = r.getDate(7);
                        answer = new AssessedItem.Answer(r.getInt(4), r.getString(5), r.getDate(6).toLocalDate(),
                                target == null ? null : target.toLocalDate(), r.getString(8), r.getTimestamp(9).toInstant(),
                                json.readTree(r.getString(10)));
                    }
                    items.add(new AssessedItem(id, id.startsWith(prefix) ? id.substring(prefix.length()) : id,
                            r.getString(2), r.getString(3), answer));
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return items;
    }
}
