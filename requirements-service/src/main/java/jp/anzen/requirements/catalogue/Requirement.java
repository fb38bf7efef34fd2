package jp.anzen.requirements.catalogue;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A group or an item of a framework version. Its id ({@code framework:version:key}) never changes once
 * the version is published. {@code confidence} and {@code wording} say how sure we are of the source.
 * {@code deadline} is a mandatory date; {@code goal} a date aimed for and a condition, which make nothing overdue.
 */
public record Requirement(String id, String parentId, int position, String kind, String number, String textJa,
        String textEn, String target, String obligation, Integer requiredFrom, LocalDate deadline,
        List<String> facilityKinds, List<String> guidelineRefs, String confidence, String wording,
        List<String> sourceUrls, String notes, @JsonInclude(JsonInclude.Include.NON_NULL) Goal goal) {

    /** A date aimed for ({@code by}) and the condition under which the requirement applies; either may be absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Goal(LocalDate by, String conditionJa, String conditionEn) {

        public static Goal of(LocalDate by, String conditionJa, String conditionEn) {
            return by == null && conditionJa == null && conditionEn == null ? null : new Goal(by, conditionJa, conditionEn);
        }
    }

    /** The source links that name a site or a search rather than the document (see {@link SourceQuality}). */
    @com.fasterxml.jackson.annotation.JsonProperty
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> weakSourceUrls() {
        return SourceQuality.weak(sourceUrls);
    }

    public static String id(String frameworkId, String version, String key) {
        return frameworkId + ":" + version + ":" + key;
    }
}
