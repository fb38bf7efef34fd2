package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/** Applies facility-stream events: registration, network memberships, vendor contracts (with their intervals). */
final class FacilityEvents {

    private FacilityEvents() {
    }

    static void apply(Connection c, String type, JsonNode p, OffsetDateTime at) throws SQLException {
        switch (type) {
            case "facility-registered" -> registered(c, p, at);
            case "network-membership-granted" -> open(c, "INSERT INTO facility_network (facility_code, network_id, valid_from)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", p.get("facilityCode").asText(), p.get("networkId").asText(), at);
            case "network-membership-revoked" -> close(c, "UPDATE facility_network SET valid_to = ? WHERE facility_code = ?"
                    + " AND network_id = ? AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("networkId").asText());
            case "vendor-contract-granted" -> {
                // a new grant to the same vendor replaces the terms: the old interval ends where the new one starts
                close(c, "UPDATE facility_vendor SET valid_to = ? WHERE facility_code = ? AND vendor_id = ? AND valid_to IS NULL",
                        at, p.get("facilityCode").asText(), p.get("vendorId").asText());
                try (PreparedStatement s = c.prepareStatement("INSERT INTO facility_vendor (facility_code, vendor_id, framework_id,"
                        + " valid_from) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    s.setString(1, p.get("facilityCode").asText());
                    s.setString(2, p.get("vendorId").asText());
                    s.setString(3, p.get("frameworkId").asText());
                    s.setObject(4, at);
                    s.executeUpdate();
                }
            }
            case "vendor-contract-revoked" -> close(c, "UPDATE facility_vendor SET valid_to = ? WHERE facility_code = ?"
                    + " AND vendor_id = ? AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("vendorId").asText());
            default -> {
                // tolerant reader: facility events this version does not report on (e.g. services-declared)
            }
        }
    }

    private static void registered(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO facility (code, name, kind, prefecture, has_system,"
                + " registered_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.get("code").asText());
            s.setString(2, p.get("name").asText());
            s.setString(3, p.get("kind").asText());
            s.setString(4, p.get("prefecture").asText());
            s.setBoolean(5, p.get("hasMedicalInformationSystem").asBoolean());
            s.setObject(6, at);
            s.executeUpdate();
        }
    }

    private static void open(Connection c, String sql, String code, String other, OffsetDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, code);
            s.setString(2, other);
            s.setObject(3, at);
            s.executeUpdate();
        }
    }

    private static void close(Connection c, String sql, OffsetDateTime at, String code, String other) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, at);
            s.setString(2, code);
            s.setString(3, other);
            s.executeUpdate();
        }
    }
}
