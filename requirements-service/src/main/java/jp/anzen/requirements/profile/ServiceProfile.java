package jp.anzen.requirements.profile;

import java.time.Instant;
import java.util.List;

import jp.anzen.requirements.catalogue.VersionStatus;

/** A provider's coverage declaration for one framework version; {@code entries} empty in listings. */
public record ServiceProfile(String id, String version, VersionStatus status, String provider, String service,
        boolean example, String frameworkId, String frameworkVersion, String notes, List<String> sourceUrls,
        Instant publishedAt, List<Entry> entries) {

    public record Entry(String requirementId, String responsibility, String note) {
    }
}
