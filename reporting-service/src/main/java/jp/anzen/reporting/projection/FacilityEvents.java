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
            case "network-membership-granted" -> Statements.execute(c, "INSERT INTO facility_network (facility_code, network_id,"
                    + " valid_from) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", p.get("facilityCode").asText(),
                    p.get("networkId").asText(), at);
            case "network-membership-revoked" -> Statements.execute(c, "UPDATE facility_network SET valid_to = ? WHERE facility_code = ?"
                    + " AND network_id = ? AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("networkId").asText());
            case "vendor-contract-granted" -> {
                // a new grant to the same vendor replaces the terms: the old interval ends where the new one starts
                Statements.execute(c, "UPDATE facility_vendor SET valid_to = ? WHERE facility_code = ? AND vendor_id = ?"
                        + " AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("vendorId").asText());
                Statements.execute(c, "INSERT INTO facility_vendor (facility_code, vendor_id, framework_id, valid_from)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", p.get("facilityCode").asText(),
                        p.get("vendorId").asText(), p.get("frameworkId").asText(), at);
            }
            case "services-declared" -> servicesDeclared(c, p, at);
            case "vendor-contract-revoked" -> Statements.execute(c, "UPDATE facility_vendor SET valid_to = ? WHERE facility_code = ?"
                    + " AND vendor_id = ? AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("vendorId").asText());
            default -> {
                // tolerant reader: facility events this version does not report on
            }
        }
    }

    /** The declaration is the whole list: what held until now ends, the new list starts. */
    private static void servicesDeclared(Connection c, JsonNode p, OffsetDateTime at) throws SQLException {
        String code = p.get("facilityCode").asText();
        Statements.execute(c, "UPDATE facility_service SET valid_to = ? WHERE facility_code = ? AND valid_to IS NULL", at, code);
        for (JsonNode service : p.path("services")) {
            Statements.execute(c, "INSERT INTO facility_service (facility_code, profile_id, version, valid_from)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", code, service.get("profileId").asText(),
                    service.get("version").asText(), at);
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
}
