package jp.anzen.requirements.importing;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The import format of one framework version ({@code format: anzen-catalogue-bundle/1}), in YAML or JSON
 * with snake_case keys. A requirement's {@code key} is local to the version; its id becomes
 * {@code <framework>:<version>:<key>}. See src/main/resources/catalogue for the shipped bundles.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record VersionBundle(String format, FrameworkPart framework, VersionPart version, List<RequirementPart> requirements) {

    public static final String FORMAT = "anzen-catalogue-bundle/1";

    public record FrameworkPart(String id, String kind, String titleJa, String titleEn, String publisher) {
    }

    /** {@code provisional_reason}: why the edition is provisional; absent for a final edition. */
    public record VersionPart(String version, Integer fiscalYear, String titleJa, String titleEn, String released,
            List<String> sourceUrls, String notes, String provisionalReason) {
    }

    public record RequirementPart(String key, String parent, String kind, String number, String textJa, String textEn,
            String target, String obligation, Integer requiredFrom, LocalDate deadline, List<String> facilityKinds,
            List<String> guidelineRefs, String confidence, String wording, List<String> sourceUrls, String notes,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            jp.anzen.requirements.catalogue.Requirement.Goal goal) {
    }
}
