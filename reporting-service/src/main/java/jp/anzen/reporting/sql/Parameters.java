package jp.anzen.reporting.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds a statement's parameters in order; the JDBC driver picks each type from its Java value. */
public final class Parameters {

    private Parameters() {
    }

    public static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }
}
