package jp.anzen.assessment.facility;

/** No such facility, or none the caller may see: both answer 404 alike. */
public class FacilityNotFoundException extends RuntimeException {

    public FacilityNotFoundException(String code) {
        super("No facility " + code + " is visible to you");
    }
}
