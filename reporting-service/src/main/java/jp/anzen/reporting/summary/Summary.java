package jp.anzen.reporting.summary;

import java.time.Instant;
import java.util.List;

/**
 * Readiness across a set of facilities (a network's members, a prefecture) for one fiscal year as of an
 * instant: each facility's own-form counts, the items most often answered "no", and what is overdue: all of it
 * counted in {@code overdueTotal}, the oldest listed in {@code overdue} (as many as asked; exports list all).
 */
public record Summary(String scope, int fiscalYear, Instant asOf, int facilities, int withoutFirstConfirmation,
        List<FacilityLine> perFacility, List<ItemLine> perItem, int overdueTotal, List<Overdue> overdue) {

    /** One facility's own form; {@code completion} is the share of expected items answered in round 1. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({ "code", "name", "kind", "assessmentId", "itemsExpected", "yes", "no",
            "notApplicable", "unanswered", "completion", "overdue" })
    public record FacilityLine(String code, String name, String kind, String assessmentId, int itemsExpected, int yes,
            int no, int notApplicable, int unanswered, double completion, int overdue) {
    }

    /** An item and the share of facilities (with the form) whose current first-round answer is "no". */
    public record ItemLine(String requirementId, String number, String textJa, int answeredNo, int answered,
            double shareNo) {
    }

    /** A "no" whose target date has passed. */
    public record Overdue(String facilityCode, String requirementId, String number, String targetDate) {
    }
}
