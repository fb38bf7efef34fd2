package jp.anzen.requirements.catalogue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One edition of a framework, e.g. the FY2025 (令和7年度版) institution form. {@code provenance} says what it was
 * authored from, whether it is provisional (and why) and which published version it revises.
 */
public record FrameworkVersion(String frameworkId, String version, VersionStatus status, String titleJa,
        String titleEn, Integer fiscalYear, String released, List<String> sourceUrls, String notes,
        Instant publishedAt, @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

    /** A plain imported version: no base, not provisional, no revision. */
    public FrameworkVersion(String frameworkId, String version, VersionStatus status, String titleJa, String titleEn,
            Integer fiscalYear, String released, List<String> sourceUrls, String notes, Instant publishedAt) {
        this(frameworkId, version, status, titleJa, titleEn, fiscalYear, released, sourceUrls, notes, publishedAt, null);
    }

    /**
     * @param basedOn the published version ({@code framework:version}) the draft was copied from
     * @param provisionalReason why the edition is provisional; null when it is final
     * @param revisionOf the version of the same framework this one corrects
     * @param replacesSources whether publishing it supersedes the forms of other frameworks it was built from
     */
    public record Provenance(@JsonInclude(JsonInclude.Include.NON_NULL) String basedOn,
            @JsonInclude(JsonInclude.Include.NON_NULL) String provisionalReason,
            @JsonInclude(JsonInclude.Include.NON_NULL) String revisionOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) String revisionReason, boolean replacesSources) {

        public static Provenance of(String basedOn, String provisionalReason, String revisionOf, String revisionReason,
                boolean replacesSources) {
            return basedOn == null && provisionalReason == null && revisionOf == null ? null
                    : new Provenance(basedOn, provisionalReason, revisionOf, revisionReason, replacesSources);
        }
    }

    /** The source links that name a site or a search rather than the document (see {@link SourceQuality}). */
    @JsonProperty
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> weakSourceUrls() {
        return SourceQuality.weak(sourceUrls);
    }

    /** Provisional editions are shown as such in every report that uses them. */
    @JsonProperty
    public boolean provisional() {
        return provenance != null && provenance.provisionalReason() != null;
    }

    public String provisionalReason() {
        return provenance == null ? null : provenance.provisionalReason();
    }
}
