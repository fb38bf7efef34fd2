package jp.anzen.assessment.facility;

/** Event {@code network-membership-granted}: a regional network counts the facility among its members. */
public record NetworkMembershipGranted(String facilityCode, String networkId) {

    public static final String TYPE = "network-membership-granted";
}
