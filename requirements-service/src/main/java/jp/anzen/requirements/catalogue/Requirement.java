package jp.anzen.requirements.catalogue;

import java.time.LocalDate;
import java.util.List;

/**
 * A group or an item of a framework version. Its id ({@code framework:version:key}) never changes once
 * the version is published. {@code confidence} and {@code wording} say how sure we are of the source.
 */
public record Requirement(String id, String parentId, int position, String kind, String number, String textJa,
        String textEn, String target, String obligation, Integer requiredFrom, LocalDate deadline,
        List<String> facilityKinds, List<String> guidelineRefs, String confidence, String wording,
        List<String> sourceUrls, String notes) {

    public static String id(String frameworkId, String version, String key) {
        return frameworkId + ":" + version + ":" + key;
    }
}
