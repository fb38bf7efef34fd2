package jp.anzen.reporting.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.anzen.reporting.deadletter.Staleness;
import jp.anzen.reporting.readiness.Provisional;

/**
 * The checklist as an inspector reads it at the on-site inspection (立入検査): the facility's own form and
 * every vendor form, each item with its printed number and wording, and the first and second confirmation.
 */
public record InspectionForm(String facilityCode, String name, String kind, String prefecture, int fiscalYear,
        Instant asOf, List<Form> forms, @JsonInclude(JsonInclude.Include.NON_NULL) Staleness.Stale stale) {

    /** One form; {@code provisional} when its edition is (the official wording not seen). */
    public record Form(String assessmentId, String frameworkId, String version, String titleJa, String vendorId,
            List<Item> items, @JsonInclude(JsonInclude.Include.NON_NULL) Provisional provisional) {
    }

    /** {@code changedSince}: what later revisions of the form's version changed about the item, and why. */
    public record Item(String requirementId, String number, String textJa, String target, String kind,
            Confirmation first, Confirmation second, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Change> changedSince) {
    }

    /** A later revision of the same edition that changed the item (changed, split, merged or removed), and why. */
    public record Change(String version, String relation, String note) {

        /** As a printed form says it: 改訂 2025-r2 で変更 (changed): why. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String line() {
            return "改訂 " + version + " で変更 (" + relation + ")" + (note == null ? "" : ": " + note);
        }
    }

    /** One confirmation: はい / いいえ / not applicable, its date, and for いいえ the target date. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Confirmation(String value, LocalDate confirmedOn, LocalDate targetDate) {
    }
}
