package jp.anzen.assessment.facility;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.anzen.assessment.eventstore.Actor;
import jp.anzen.assessment.eventstore.EventStore;
import jp.anzen.assessment.eventstore.NewEvent;
import jp.anzen.assessment.eventstore.StreamConflictException;

/** Facility streams: registering one and reading its current state. */
@ApplicationScoped
public class Facilities {

    private final EventStore events;

    public Facilities(EventStore events) {
        this.events = events;
    }

    public Optional<Facility> find(String code) {
        if (!FacilityCode.isValid(code)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Facility.fold(events.read(FacilityCode.streamId(code))));
    }

    /** @throws FacilityExistsException when the code is registered already */
    @Transactional
    public Facility register(RegisterFacility request, Actor actor) {
        var registered = new FacilityRegistered(request.code(), request.name().strip(), request.kind(), request.prefecture(),
                request.beds(), request.hasMedicalInformationSystem());
        List<NewEvent> newEvents = request.networkId() == null
                ? List.of(new NewEvent(FacilityRegistered.TYPE, registered))
                : List.of(new NewEvent(FacilityRegistered.TYPE, registered),
                        new NewEvent(NetworkMembershipGranted.TYPE, new NetworkMembershipGranted(request.code(), request.networkId())));
        try {
            events.append(FacilityCode.streamId(request.code()), request.code(), 0, newEvents, actor);
        } catch (StreamConflictException e) {
            throw new FacilityExistsException(request.code());
        }
        return Facility.fold(events.read(FacilityCode.streamId(request.code())));
    }
}
