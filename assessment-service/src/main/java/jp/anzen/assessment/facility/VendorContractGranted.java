package jp.anzen.assessment.facility;

import java.util.List;

/**
 * Event {@code vendor-contract-granted}: the facility lets a vendor answer its vendor form
 * ({@code frameworkId}) for the systems it supplies. A later grant to the same vendor replaces the terms.
 */
public record VendorContractGranted(String facilityCode, String vendorId, List<String> systems, String frameworkId) {

    public static final String TYPE = "vendor-contract-granted";
}
