package jp.anzen.assessment.access;

import jakarta.enterprise.context.RequestScoped;

import jp.anzen.assessment.facility.Facilities;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.facility.FacilityDirectory;
import jp.anzen.assessment.facility.FacilityNotFoundException;

/**
 * Who may do what with one facility. Reads refused to callers with no relation to the facility answer 404
 * (its registration is not theirs to learn); writes refused to callers who may read answer 403.
 */
@RequestScoped
public class FacilityAccess {

    private final Caller caller;
    private final Facilities facilities;

    public FacilityAccess(Caller caller, Facilities facilities) {
        this.caller = caller;
        this.facilities = facilities;
    }

    /** The facility, when it exists and the caller may read it; otherwise 404 alike. */
    public Facility readable(String code) {
        return facilities.find(code).filter(this::canRead).orElseThrow(() -> new FacilityNotFoundException(code));
    }

    public boolean canRead(Facility facility) {
        return caller.is(Caller.ADMIN)
                || caller.worksAt(facility.code())
                || caller.is(Caller.NETWORK_OPERATOR) && facility.networks().stream().anyMatch(caller.networkIds()::contains)
                || caller.is(Caller.INSPECTOR) && facility.prefecture().equals(caller.prefecture())
                || caller.is(Caller.VENDOR) && facility.contractWith(caller.vendorId()).isPresent();
    }

    /** Admins, the facility's own manager, or a network operator registering a member of its network. */
    public boolean canRegister(String code, String networkId) {
        return caller.is(Caller.ADMIN)
                || caller.is(Caller.FACILITY_MANAGER) && caller.facilityCodes().contains(code)
                || caller.is(Caller.NETWORK_OPERATOR) && networkId != null && caller.networkIds().contains(networkId);
    }

    /** Contracts, declared services and sign-offs are the facility manager's (not staff's) decisions. */
    public boolean canManage(Facility facility) {
        return caller.is(Caller.FACILITY_MANAGER) && caller.facilityCodes().contains(facility.code());
    }

    /** A network's membership is changed by that network's operator (or an administrator). */
    public boolean canChangeMembership(String networkId) {
        return caller.is(Caller.ADMIN) || caller.is(Caller.NETWORK_OPERATOR) && caller.networkIds().contains(networkId);
    }

    /**
     * The institution form is answered by the facility's managers and staff; a vendor form only by that
     * vendor, while its contract is active. Networks read but never answer.
     */
    public boolean canAnswer(Facility facility, String vendorId) {
        if (vendorId == null) {
            return caller.worksAt(facility.code());
        }
        return caller.is(Caller.VENDOR) && vendorId.equals(caller.vendorId())
                && facility.contractWith(vendorId).isPresent();
    }

    /** Listing scope: what this caller may see of the directory. */
    public FacilityDirectory.Scope listingScope() {
        boolean facilityUser = caller.is(Caller.FACILITY_MANAGER) || caller.is(Caller.FACILITY_STAFF);
        return new FacilityDirectory.Scope(caller.is(Caller.ADMIN),
                facilityUser ? java.util.List.copyOf(caller.facilityCodes()) : java.util.List.of(),
                caller.is(Caller.NETWORK_OPERATOR) ? java.util.List.copyOf(caller.networkIds()) : java.util.List.of(),
                caller.is(Caller.INSPECTOR) ? caller.prefecture() : null,
                caller.is(Caller.VENDOR) ? caller.vendorId() : null);
    }
}
