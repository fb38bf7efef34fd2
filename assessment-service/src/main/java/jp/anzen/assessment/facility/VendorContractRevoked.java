package jp.anzen.assessment.facility;

/** Event {@code vendor-contract-revoked}: the vendor may no longer write for the facility. */
public record VendorContractRevoked(String facilityCode, String vendorId, String reason) {

    public static final String TYPE = "vendor-contract-revoked";
}
