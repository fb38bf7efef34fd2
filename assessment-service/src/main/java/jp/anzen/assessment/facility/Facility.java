package jp.anzen.assessment.facility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import jp.anzen.assessment.eventstore.StoredEvent;

/**
 * A facility's current state, folded from its stream: registration, networks, active vendor contracts and
 * the services it uses. {@code version} is the stream version (the ETag).
 */
public record Facility(String code, String name, String kind, String prefecture, Integer beds,
        boolean hasMedicalInformationSystem, Set<String> networks, Map<String, VendorContract> vendorContracts,
        List<ServiceUse> services, int version) {

    /** A vendor's active contract: the systems it supplies and the form it answers. */
    public record VendorContract(String vendorId, List<String> systems, String frameworkId, Instant grantedAt) {
    }

    /** A published service profile the facility declared it uses. */
    public record ServiceUse(String profileId, String version) {
    }

    public static Facility fold(List<StoredEvent> stream) {
        Facility facility = null;
        for (StoredEvent event : stream) {
            facility = facility == null ? registered(event) : facility.apply(event);
        }
        return facility;
    }

    public Optional<VendorContract> contractWith(String vendorId) {
        return Optional.ofNullable(vendorId == null ? null : vendorContracts.get(vendorId));
    }

    private static Facility registered(StoredEvent event) {
        JsonNode p = event.payload();
        return new Facility(p.get("code").asText(), p.get("name").asText(), p.get("kind").asText(),
                p.get("prefecture").asText(), p.hasNonNull("beds") ? p.get("beds").asInt() : null,
                p.get("hasMedicalInformationSystem").asBoolean(), Set.of(), Map.of(), List.of(), event.streamVersion());
    }

    private Facility apply(StoredEvent event) {
        JsonNode p = event.payload();
        Set<String> nextNetworks = new TreeSet<>(networks);
        Map<String, VendorContract> nextContracts = new TreeMap<>(vendorContracts);
        List<ServiceUse> nextServices = services;
        switch (event.type()) {
            case NetworkMembershipGranted.TYPE -> nextNetworks.add(p.get("networkId").asText());
            case NetworkMembershipRevoked.TYPE -> nextNetworks.remove(p.get("networkId").asText());
            case VendorContractGranted.TYPE -> {
                List<String> systems = new ArrayList<>();
                p.path("systems").forEach(s -> systems.add(s.asText()));
                nextContracts.put(p.get("vendorId").asText(), new VendorContract(p.get("vendorId").asText(), systems,
                        p.get("frameworkId").asText(), event.recordedAt()));
            }
            case VendorContractRevoked.TYPE -> nextContracts.remove(p.get("vendorId").asText());
            case ServicesDeclared.TYPE -> {
                List<ServiceUse> declared = new ArrayList<>();
                p.path("services").forEach(s -> declared.add(new ServiceUse(s.get("profileId").asText(), s.get("version").asText())));
                nextServices = List.copyOf(declared);
            }
            default -> {
                // tolerant: event types added later do not change these fields
            }
        }
        return new Facility(code, name, kind, prefecture, beds, hasMedicalInformationSystem, Set.copyOf(nextNetworks),
                Map.copyOf(nextContracts), nextServices, event.streamVersion());
    }
}
