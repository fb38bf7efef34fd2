package jp.anzen.reporting.projection;

import java.sql.SQLException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/** Applies facility-stream events: registration, network memberships, vendor contracts (with their intervals). */
final class FacilityEvents {

    private FacilityEvents() {
    }

    static void apply(Writes w, String type, JsonNode p, OffsetDateTime at) throws SQLException {
        switch (type) {
            case "facility-registered" -> w.early(Writes.Early.FACILITY, "INSERT INTO facility (code, name, kind, prefecture,"
                    + " has_system, registered_at) VALUES (?, ?, ?, ?, ?, ?)", p.get("code").asText(), p.get("name").asText(),
                    p.get("kind").asText(), p.get("prefecture").asText(), p.get("hasMedicalInformationSystem").asBoolean(), at);
            case "network-membership-granted" -> w.inOrder("INSERT INTO facility_network (facility_code, network_id,"
                    + " valid_from) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", p.get("facilityCode").asText(),
                    p.get("networkId").asText(), at);
            case "network-membership-revoked" -> w.inOrder("UPDATE facility_network SET valid_to = ? WHERE facility_code = ?"
                    + " AND network_id = ? AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("networkId").asText());
            case "vendor-contract-granted" -> {
                // a new grant to the same vendor replaces the terms: the old interval ends where the new one starts
                w.inOrder("UPDATE facility_vendor SET valid_to = ? WHERE facility_code = ? AND vendor_id = ?"
                        + " AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("vendorId").asText());
                w.inOrder("INSERT INTO facility_vendor (facility_code, vendor_id, framework_id, valid_from)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", p.get("facilityCode").asText(),
                        p.get("vendorId").asText(), p.get("frameworkId").asText(), at);
            }
            case "services-declared" -> servicesDeclared(w, p, at);
            case "vendor-contract-revoked" -> w.inOrder("UPDATE facility_vendor SET valid_to = ? WHERE facility_code = ?"
                    + " AND vendor_id = ? AND valid_to IS NULL", at, p.get("facilityCode").asText(), p.get("vendorId").asText());
            default -> {
                // tolerant reader: facility events this version does not report on
            }
        }
    }

    /** The declaration is the whole list: what held until now ends, the new list starts. */
    private static void servicesDeclared(Writes w, JsonNode p, OffsetDateTime at) throws SQLException {
        String code = p.get("facilityCode").asText();
        w.inOrder("UPDATE facility_service SET valid_to = ? WHERE facility_code = ? AND valid_to IS NULL", at, code);
        for (JsonNode service : p.path("services")) {
            w.inOrder("INSERT INTO facility_service (facility_code, profile_id, version, valid_from)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", code, service.get("profileId").asText(),
                    service.get("version").asText(), at);
        }
    }
}
