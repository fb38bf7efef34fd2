package jp.anzen.assessment.facility;

/** Event {@code facility-registered}: a facility joined Anzen. */
public record FacilityRegistered(String code, String name, String kind, String prefecture, Integer beds,
        boolean hasMedicalInformationSystem) {

    public static final String TYPE = "facility-registered";
}
