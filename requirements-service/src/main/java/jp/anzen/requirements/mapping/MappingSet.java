package jp.anzen.requirements.mapping;

import java.time.Instant;
import java.util.List;

import jp.anzen.requirements.catalogue.VersionStatus;

/** A mapping set with its mappings (empty in listings). */
public record MappingSet(String id, String kind, String fromFramework, String fromVersion, String toFramework,
        String toVersion, VersionStatus status, Instant publishedAt, List<Mapping> mappings) {
}
