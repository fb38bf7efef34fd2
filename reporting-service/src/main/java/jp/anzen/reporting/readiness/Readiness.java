package jp.anzen.reporting.readiness;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.anzen.reporting.deadletter.Staleness;

/**
 * A facility's readiness for one fiscal year as of an instant: the vendors under contract then, and one
 * entry per form it answers (its own form and each vendor's); {@code stale} when events of the facility could not be
 * projected (dead-lettered), so that the figures may miss them.
 */
public record Readiness(String facilityCode, String name, String kind, Integer fiscalYear, Instant asOf,
        List<String> vendors, List<Form> forms, @JsonInclude(JsonInclude.Include.NON_NULL) Staleness.Stale stale) {

    /** One form (the institution or pharmacy form, or a vendor's form); {@code provisional} when its edition is. */
    public record Form(String assessmentId, String frameworkId, String version, String titleJa, String titleEn,
            String vendorId, int fiscalYear, int itemsExpected, Round firstConfirmation, Round secondConfirmation,
            int overdue, List<Integer> roundsSignedOff, int carriedForwardUnconfirmed, List<Inherited> inherited,
            @JsonInclude(JsonInclude.Include.NON_NULL) Provisional provisional, List<Dated> deadlines, List<Dated> goals) {
    }

    /**
     * An item with a date the form sets, and where the facility stands: a mandatory {@code deadline} is {@code met}
     * (はい or 該当なし), {@code missed} once passed, else {@code open}; a goal (a date aimed for, or a condition such
     * as "on systems introduced or renewed") is {@code reached} or {@code open}, never overdue.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dated(String requirementId, String number, java.time.LocalDate date, String conditionJa,
            String conditionEn, String answer, String status) {
    }

    /**
     * What a service the facility declared says about an item of the form: who is responsible (provider,
     * shared, facility), by which published profile. Shown apart from the answers, never counted as one.
     */
    public record Inherited(String requirementId, String number, String responsibility, String profileId,
            String profileVersion, String provider) {
    }

    /** Counts of one confirmation round; unanswered = expected items without an answer in that round. */
    public record Round(int yes, int no, int notApplicable, int unanswered) {
    }
}
