package jp.anzen.assessment.facility;

import java.util.List;

/** Event {@code services-declared}: the published service profiles the facility uses (the whole list). */
public record ServicesDeclared(String facilityCode, List<Facility.ServiceUse> services) {

    public static final String TYPE = "services-declared";
}
