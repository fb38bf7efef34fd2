package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jp.anzen.reporting.sql.Parameters;

/** Runs one update statement with its parameters, in the projection's transaction. */
final class Statements {

    private Statements() {
    }

    static int execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Parameters.bind(s, parameters);
            return s.executeUpdate();
        }
    }
}
