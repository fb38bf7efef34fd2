package jp.anzen.assessment.answers;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.access.FacilityAccess;
import jp.anzen.assessment.facility.Facility;

/**
 * Who may do what with one assessment of a facility the caller may read: a vendor sees only its own form; the
 * facility's managers and staff answer its own form, the vendor its form while under contract; the manager signs off.
 */
@RequestScoped
public class AssessmentAccess {

    private final Assessments assessments;
    private final FacilityAccess access;
    private final Caller caller;

    public AssessmentAccess(Assessments assessments, FacilityAccess access, Caller caller) {
        this.assessments = assessments;
        this.access = access;
        this.caller = caller;
    }

    public Assessment readable(Facility facility, String id) {
        return assessments.find(facility.code(), id)
                .filter(a -> !caller.is(Caller.VENDOR) || caller.vendorId() != null && caller.vendorId().equals(a.vendorId()))
                .orElseThrow(() -> new NotFoundException("No assessment " + id + " for facility " + facility.code()));
    }

    public Assessment answerable(Facility facility, String id) {
        Assessment assessment = readable(facility, id);
        if (!access.canAnswer(facility, assessment.vendorId())) {
            throw new ForbiddenException(assessment.vendorId() == null
                    ? "Only the facility's own managers and staff answer its forms"
                    : "Only vendor " + assessment.vendorId() + " answers its form, while its contract is active");
        }
        return assessment;
    }

    public Assessment signable(Facility facility, String id) {
        Assessment assessment = readable(facility, id);
        boolean allowed = assessment.vendorId() == null ? access.canManage(facility) : access.canAnswer(facility, assessment.vendorId());
        if (!allowed) {
            throw new ForbiddenException(assessment.vendorId() == null ? "Only the facility's manager signs its rounds off"
                    : "Only vendor " + assessment.vendorId() + " signs its form off");
        }
        return assessment;
    }
}
