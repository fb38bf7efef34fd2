package jp.anzen.assessment.facility;

import jp.anzen.assessment.validation.Errors;

/** Request body of {@code POST /api/facilities}. {@code networkId}: the registering network, if any. */
public record RegisterFacility(String code, String name, String kind, String prefecture, Integer beds,
        Boolean hasMedicalInformationSystem, String networkId) {

    public void validate() {
        Errors errors = new Errors();
        if (errors.required("/code", code) && !FacilityCode.isValid(code)) {
            errors.add("/code", "'" + code + "' is not a facility code: " + FacilityCode.RULE);
        }
        if (errors.required("/name", name) && name.length() > 200) {
            errors.add("/name", "at most 200 characters");
        }
        var facilityKind = kind == null ? null : FacilityKind.of(kind);
        if (errors.required("/kind", kind) && facilityKind.isEmpty()) {
            errors.add("/kind", "unknown kind '" + kind + "'; one of hospital, clinic, dental-clinic, pharmacy, midwifery-home");
        }
        if (errors.required("/prefecture", prefecture) && FacilityCode.isValid(code)
                && !FacilityCode.prefecture(code).equals(prefecture)) {
            errors.add("/prefecture", "must be " + FacilityCode.prefecture(code) + ", the first two digits of the code");
        }
        if (FacilityCode.isValid(code) && facilityKind != null && facilityKind.isPresent()
                && facilityKind.get().pointTable() != FacilityCode.pointTable(code)) {
            errors.add("/kind", "a " + kind + " has point-table digit " + facilityKind.get().pointTable()
                    + " in its code, not " + FacilityCode.pointTable(code));
        }
        if (beds != null && (beds < 0 || beds > 10_000)) {
            errors.add("/beds", "must be between 0 and 10000");
        }
        errors.required("/hasMedicalInformationSystem", hasMedicalInformationSystem);
        if (networkId != null && !networkId.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            errors.add("/networkId", "lower-case letters, digits and dashes");
        }
        errors.throwIfAny("The facility");
    }
}
