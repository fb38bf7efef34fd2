package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jp.anzen.reporting.sql.Parameters;

/**
 * The statements of one Kafka batch's events other than answers, sent in a few round trips instead of one each.
 * New facility and assessment rows, which no other event of the batch changes, are inserted before everything else
 * (facilities first: assessments refer to them). The other statements keep the events' order, and consecutive runs
 * of the same statement go as one JDBC batch. A rebuild's events alternate registration, membership and opening per
 * facility: written one by one, they were most of its round trips.
 */
final class Writes implements AutoCloseable {

    /** Rows inserted ahead of the batch's other statements, in this order. */
    enum Early {
        FACILITY, ASSESSMENT
    }

    private final Connection c;
    private final Map<Early, PreparedStatement> early = new EnumMap<>(Early.class);
    private final List<PreparedStatement> inOrder = new ArrayList<>();
    private String lastSql;

    Writes(Connection c) {
        this.c = c;
    }

    /** A row of a new facility or assessment: one statement per kind, written before the others. */
    void early(Early kind, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = early.get(kind);
        if (s == null) {
            s = c.prepareStatement(sql);
            early.put(kind, s);
        }
        add(s, parameters);
    }

    /** A statement that must run after the ones of earlier events. */
    void inOrder(String sql, Object... parameters) throws SQLException {
        if (!sql.equals(lastSql)) {
            inOrder.add(c.prepareStatement(sql));
            lastSql = sql;
        }
        add(inOrder.get(inOrder.size() - 1), parameters);
    }

    /** Sends everything queued; answers, which refer to assessments, are written after this. */
    void flush() throws SQLException {
        try {
            for (PreparedStatement s : early.values()) {
                s.executeBatch();
            }
            for (PreparedStatement s : inOrder) {
                s.executeBatch();
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : early.values()) {
            s.close();
        }
        for (PreparedStatement s : inOrder) {
            s.close();
        }
        early.clear();
        inOrder.clear();
        lastSql = null;
    }

    private static void add(PreparedStatement s, Object... parameters) throws SQLException {
        Parameters.bind(s, parameters);
        s.addBatch();
    }
}
