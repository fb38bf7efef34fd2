package jp.anzen.assessment.vendorpush;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.anzen.assessment.validation.FieldError;

/** What a push stored and refused, per facility, and why. A retry with the same key gets this again. */
public record VendorPushResult(String idempotencyKey, int facilitiesStored, int facilitiesRefused, int answersStored,
        List<FacilityResult> facilities) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FacilityResult(String facilityCode, String status, String assessmentId, Integer streamVersion,
            int answersStored, List<FieldError> errors) {

        static FacilityResult stored(String code, String assessmentId, int version, int answers) {
            return new FacilityResult(code, "stored", assessmentId, version, answers, List.of());
        }

        static FacilityResult refused(String code, List<FieldError> errors) {
            return new FacilityResult(code, "refused", null, null, 0, errors);
        }
    }
}
