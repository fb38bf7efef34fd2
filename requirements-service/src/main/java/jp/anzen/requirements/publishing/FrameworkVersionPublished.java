package jp.anzen.requirements.publishing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@code jp.anzen.catalogue.framework-version-published.v1}: the whole published version, so
 * that consumers can validate answers and print wording without calling the catalogue. {@code provisional} (with
 * its reason) marks an edition every report must show as provisional; {@code revisionOf} names the version of the
 * same framework it corrects. Both were added within v1: readers that predate them ignore them, and events without
 * them are final editions that revise nothing.
 */
public record FrameworkVersionPublished(String frameworkId, String frameworkKind, String frameworkTitleJa,
        String frameworkTitleEn, String version, Integer fiscalYear, String titleJa, String titleEn,
        Instant publishedAt, List<Item> requirements, boolean provisional,
        @JsonInclude(JsonInclude.Include.NON_NULL) String provisionalReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String revisionOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) String revisionReason) {

    public static final String TYPE = "jp.anzen.catalogue.framework-version-published.v1";

    public record Item(String id, String parentId, int position, String kind, String number, String textJa,
            String textEn, String target, String obligation, LocalDate deadline, List<String> facilityKinds,
            String confidence, String wording,
            @JsonInclude(JsonInclude.Include.NON_NULL) jp.anzen.requirements.catalogue.Requirement.Goal goal) {
    }
}
