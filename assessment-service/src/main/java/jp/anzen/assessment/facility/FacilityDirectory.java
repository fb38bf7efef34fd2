package jp.anzen.assessment.facility;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The listing table of facilities, kept in step with their streams inside the same transaction. */
@ApplicationScoped
public class FacilityDirectory {

    /** One row of a listing: enough to find a facility and to decide who may see it. */
    public record Entry(String code, String name, String kind, String prefecture, List<String> networks,
            List<String> vendors) {
    }

    /** Who may see what in a listing; null or empty means "no restriction of this kind". */
    public record Scope(boolean all, List<String> codes, List<String> networks, String prefecture, String vendor) {
    }

    private final AgroalDataSource dataSource;

    public FacilityDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void save(Facility facility) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO facility_directory (code, name, kind, prefecture,"
                        + " networks, vendors, version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET"
                        + " name = excluded.name, kind = excluded.kind, prefecture = excluded.prefecture,"
                        + " networks = excluded.networks, vendors = excluded.vendors, version = excluded.version")) {
            s.setString(1, facility.code());
            s.setString(2, facility.name());
            s.setString(3, facility.kind());
            s.setString(4, facility.prefecture());
            s.setArray(5, c.createArrayOf("text", facility.networks().toArray()));
            s.setArray(6, c.createArrayOf("text", facility.vendorContracts().keySet().toArray()));
            s.setInt(7, facility.version());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of the facilities the scope allows, filtered by network and prefecture, ordered by code. */
    public List<Entry> list(Scope scope, String network, String prefecture, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT code, name, kind, prefecture, networks, vendors FROM facility_directory WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (!scope.all()) {
            sql.append(" AND (code = ANY (?) OR networks && ? OR prefecture = ? OR ? = ANY (vendors))");
            parameters.add(scope.codes());
            parameters.add(scope.networks());
            parameters.add(scope.prefecture());
            parameters.add(scope.vendor());
        }
        if (network != null) {
            sql.append(" AND ? = ANY (networks)");
            parameters.add(network);
        }
        if (prefecture != null) {
            sql.append(" AND prefecture = ?");
            parameters.add(prefecture);
        }
        sql.append(" ORDER BY code OFFSET ? LIMIT ?");
        parameters.add(offset);
        parameters.add(limit);
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    s.setObject(i + 1, value);
                }
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new Entry(r.getString(1), r.getString(2), r.getString(3), r.getString(4), strings(r.getArray(5)),
                            strings(r.getArray(6))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
