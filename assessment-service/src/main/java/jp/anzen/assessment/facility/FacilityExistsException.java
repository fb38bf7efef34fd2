package jp.anzen.assessment.facility;

/** The facility code is registered already. */
public class FacilityExistsException extends RuntimeException {

    public FacilityExistsException(String code) {
        super("Facility " + code + " is already registered");
    }
}
