package jp.anzen.requirements.catalogue;

import java.time.Instant;
import java.util.List;

/** One edition of a framework, e.g. the FY2025 (令和7年度版) institution form. */
public record FrameworkVersion(String frameworkId, String version, VersionStatus status, String titleJa,
        String titleEn, Integer fiscalYear, String released, List<String> sourceUrls, String notes,
        Instant publishedAt) {
}
