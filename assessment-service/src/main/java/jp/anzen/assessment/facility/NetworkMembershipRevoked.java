package jp.anzen.assessment.facility;

/** Event {@code network-membership-revoked}: the network no longer counts the facility among its members. */
public record NetworkMembershipRevoked(String facilityCode, String networkId) {

    public static final String TYPE = "network-membership-revoked";
}
