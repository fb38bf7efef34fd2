package jp.anzen.assessment.facility;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.anzen.assessment.eventstore.Actor;
import jp.anzen.assessment.eventstore.EventStore;
import jp.anzen.assessment.eventstore.NewEvent;
import jp.anzen.assessment.eventstore.StreamConflictException;

/** Facility streams: registering, reading, and appending relationship changes. */
@ApplicationScoped
public class Facilities {

    private final EventStore events;
    private final FacilityDirectory directory;

    public Facilities(EventStore events, FacilityDirectory directory) {
        this.events = events;
        this.directory = directory;
    }

    public Optional<Facility> find(String code) {
        if (!FacilityCode.isValid(code)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Facility.fold(events.read(FacilityCode.streamId(code))));
    }

    /** Many facilities in one read (a vendor push); codes that are invalid or not registered are absent. */
    public java.util.Map<String, Facility> findAll(java.util.Collection<String> codes) {
        java.util.Map<String, Facility> found = new java.util.HashMap<>();
        List<String> streams = codes.stream().filter(FacilityCode::isValid).map(FacilityCode::streamId).distinct().toList();
        if (!streams.isEmpty()) {
            events.readStreams(streams, null).values().forEach(stream -> {
                Facility facility = Facility.fold(stream);
                if (facility != null) {
                    found.put(facility.code(), facility);
                }
            });
        }
        return found;
    }

    /** @throws FacilityExistsException when the code is registered already */
    @Transactional
    public Facility register(RegisterFacility request, Actor actor) {
        var registered = new FacilityRegistered(request.code(), request.name().strip(), request.kind(), request.prefecture(),
                request.beds(), request.hasMedicalInformationSystem());
        List<NewEvent> newEvents = new ArrayList<>(List.of(new NewEvent(FacilityRegistered.TYPE, registered)));
        if (request.networkId() != null) {
            newEvents.add(new NewEvent(NetworkMembershipGranted.TYPE, new NetworkMembershipGranted(request.code(), request.networkId())));
        }
        try {
            return append(request.code(), 0, newEvents, actor);
        } catch (StreamConflictException e) {
            throw new FacilityExistsException(request.code());
        }
    }

    /**
     * Appends to a facility's stream after {@code expectedVersion} and returns its new state; the directory
     * moves in the same transaction.
     */
    @Transactional
    public Facility append(String code, int expectedVersion, List<NewEvent> newEvents, Actor actor) {
        events.append(FacilityCode.streamId(code), code, expectedVersion, newEvents, actor);
        Facility facility = Facility.fold(events.read(FacilityCode.streamId(code)));
        directory.save(facility);
        return facility;
    }
}
