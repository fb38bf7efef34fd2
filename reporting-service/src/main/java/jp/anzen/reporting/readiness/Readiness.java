package jp.anzen.reporting.readiness;

import java.time.Instant;
import java.util.List;

/** A facility's readiness for one fiscal year as of an instant: one entry per form it answers. */
public record Readiness(String facilityCode, String name, String kind, Integer fiscalYear, Instant asOf,
        List<Form> forms) {

    /** One form (the institution or pharmacy form, or a vendor's form). */
    public record Form(String assessmentId, String frameworkId, String version, String titleJa, String titleEn,
            String vendorId, int fiscalYear, int itemsExpected, Round firstConfirmation, Round secondConfirmation,
            int overdue) {
    }

    /** Counts of one confirmation round; unanswered = expected items without an answer in that round. */
    public record Round(int yes, int no, int notApplicable, int unanswered) {
    }
}
