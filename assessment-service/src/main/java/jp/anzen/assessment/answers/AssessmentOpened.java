package jp.anzen.assessment.answers;

/** Event {@code assessment-opened}: a facility starts a form of one framework version for a fiscal year. */
public record AssessmentOpened(String assessmentId, String facilityCode, String frameworkId, String version,
        int fiscalYear, String vendorId) {

    public static final String TYPE = "assessment-opened";
}
