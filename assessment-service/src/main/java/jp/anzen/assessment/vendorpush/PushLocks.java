package jp.anzen.assessment.vendorpush;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Pushes of one vendor for the same facility take turns, each until its transaction ends. Without them, pushes that
 * overlap (a vendor's worker threads, a retry while the first attempt still runs) conflicted on the form's stream
 * version and were run again: under load, four attempts were sometimes not enough, and the push was answered 409.
 * Now the second waits for the first and then reads the versions it left. Locks are taken in code order, so that two
 * pushes naming the same facilities in another order cannot deadlock.
 */
@ApplicationScoped
public class PushLocks {

    private final AgroalDataSource dataSource;

    public PushLocks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** In the caller's transaction, which must be the push's. */
    void takeTurns(String vendorId, Collection<String> facilityCodes) {
        String[] keys = facilityCodes.stream().distinct().sorted().map(code -> "vendor-push|" + vendorId + "|" + code)
                .toArray(String[]::new);
        if (keys.length == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                // unnest yields the keys in array order, so the locks are taken in that order
                PreparedStatement s = c.prepareStatement("SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))"
                        + " FROM unnest(?::text[]) AS k")) {
            s.setArray(1, c.createArrayOf("text", keys));
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
