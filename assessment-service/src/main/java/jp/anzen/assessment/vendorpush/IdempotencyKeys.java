package jp.anzen.assessment.vendorpush;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/**
 * Claims an Idempotency-Key in the caller's transaction. A concurrent request with the same key waits on
 * the row until the first one commits, then finds its response: the work is done once.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A response already given for the key, and the hash of the request that got it. */
    public record Earlier(String requestHash, int status, String response) {
    }

    private final AgroalDataSource dataSource;

    public IdempotencyKeys(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when the key is new (and now claimed by this transaction); otherwise what was answered before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Earlier> claim(String client, String key, String requestHash) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency (client_id, idempotency_key, request_hash)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, client);
                s.setString(2, key);
                s.setString(3, requestHash);
                if (s.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT request_hash, status, response FROM idempotency"
                    + " WHERE client_id = ? AND idempotency_key = ?")) {
                s.setString(1, client);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(new Earlier(r.getString(1), r.getInt(2), r.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String client, String key, int status, String response) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE idempotency SET status = ?, response = ?"
                        + " WHERE client_id = ? AND idempotency_key = ?")) {
            s.setInt(1, status);
            s.setString(2, response);
            s.setString(3, client);
            s.setString(4, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
