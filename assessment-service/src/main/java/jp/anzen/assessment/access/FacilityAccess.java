package jp.anzen.assessment.access;

import jakarta.enterprise.context.RequestScoped;

import jp.anzen.assessment.facility.Facility;

/**
 * Who may do what with one facility. Reads refused to callers with no relation to the facility answer 404
 * (its registration is not theirs to learn); writes refused to callers who may read answer 403.
 */
@RequestScoped
public class FacilityAccess {

    private final Caller caller;

    public FacilityAccess(Caller caller) {
        this.caller = caller;
    }

    public boolean canRead(Facility facility) {
        return caller.is(Caller.ADMIN)
                || caller.worksAt(facility.code())
                || caller.is(Caller.NETWORK_OPERATOR) && facility.networks().stream().anyMatch(caller.networkIds()::contains)
                || caller.is(Caller.INSPECTOR) && facility.prefecture().equals(caller.prefecture());
    }

    /** Admins, the facility's own manager, or a network operator registering a member of its network. */
    public boolean canRegister(String code, String networkId) {
        return caller.is(Caller.ADMIN)
                || caller.is(Caller.FACILITY_MANAGER) && caller.facilityCodes().contains(code)
                || caller.is(Caller.NETWORK_OPERATOR) && networkId != null && caller.networkIds().contains(networkId);
    }

    /** Answers are the facility's own: its managers and staff. Networks read but never answer. */
    public boolean canAnswer(Facility facility) {
        return caller.worksAt(facility.code());
    }
}
