package jp.anzen.reporting.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Whether a facility's reports may miss events: one of its own events, or of a catalogue version its forms use, is
 * dead-lettered and not yet replayed or dismissed. Every report of the facility says so, and since when, so that no
 * reader takes it for the whole story.
 */
@ApplicationScoped
public class Staleness {

    /** What a report says when it may miss events: since when, how many, and what to do. */
    public record Stale(Instant since, int deadLetters, String detail) {

        /** One line, for the PDF and the Excel workbook. */
        public String line() {
            return "注意 (stale): " + deadLetters + " 件の事象が未反映 / " + deadLetters + " event(s) not reflected since " + since
                    + ". " + detail;
        }
    }

    private final AgroalDataSource dataSource;

    public Staleness(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Stale> of(String facilityCode) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT count(*), min(dead_since) FROM dead_letter
                        WHERE status = 'pending' AND (facility_code = ? OR source_topic = 'catalogue-events'
                          AND record_key IN (SELECT framework_id FROM assessment WHERE facility_code = ?))""")) {
            s.setString(1, facilityCode);
            s.setString(2, facilityCode);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int count = r.getInt(1);
                return count == 0 ? Optional.empty()
                        : Optional.of(new Stale(r.getObject(2, OffsetDateTime.class).toInstant(), count,
                                "These reports may miss what those events recorded until an administrator replays them"
                                        + " (/api/reports/admin/dead-letters)."));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the dead letters", e);
        }
    }
}
