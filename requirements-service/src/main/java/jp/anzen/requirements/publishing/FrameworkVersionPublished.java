package jp.anzen.requirements.publishing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Payload of {@code jp.anzen.catalogue.framework-version-published.v1}: the whole published version, so
 * that consumers can validate answers and print wording without calling the catalogue.
 */
public record FrameworkVersionPublished(String frameworkId, String frameworkKind, String frameworkTitleJa,
        String frameworkTitleEn, String version, Integer fiscalYear, String titleJa, String titleEn,
        Instant publishedAt, List<Item> requirements) {

    public static final String TYPE = "jp.anzen.catalogue.framework-version-published.v1";

    public record Item(String id, String parentId, int position, String kind, String number, String textJa,
            String textEn, String target, String obligation, LocalDate deadline, List<String> facilityKinds,
            String confidence, String wording) {
    }
}
