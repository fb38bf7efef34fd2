package jp.anzen.assessment.facility;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;

import jp.anzen.assessment.eventstore.StoredEvent;

/** A facility's current state, folded from its stream; {@code version} is the stream version (the ETag). */
public record Facility(String code, String name, String kind, String prefecture, Integer beds,
        boolean hasMedicalInformationSystem, Set<String> networks, int version) {

    public static Facility fold(List<StoredEvent> stream) {
        Facility facility = null;
        for (StoredEvent event : stream) {
            var p = event.payload();
            facility = switch (event.type()) {
                case FacilityRegistered.TYPE -> new Facility(p.get("code").asText(), p.get("name").asText(),
                        p.get("kind").asText(), p.get("prefecture").asText(),
                        p.hasNonNull("beds") ? p.get("beds").asInt() : null,
                        p.get("hasMedicalInformationSystem").asBoolean(), new TreeSet<>(), event.streamVersion());
                case NetworkMembershipGranted.TYPE -> facility.withNetwork(p.get("networkId").asText(), event.streamVersion());
                default -> facility.at(event.streamVersion()); // tolerant: later event types do not change these fields
            };
        }
        return facility;
    }

    private Facility withNetwork(String networkId, int atVersion) {
        Set<String> more = new TreeSet<>(networks);
        more.add(networkId);
        return new Facility(code, name, kind, prefecture, beds, hasMedicalInformationSystem, more, atVersion);
    }

    private Facility at(int atVersion) {
        return new Facility(code, name, kind, prefecture, beds, hasMedicalInformationSystem, networks, atVersion);
    }

    @JsonIgnore
    public String etag() {
        return "\"" + version + "\"";
    }
}
