package jp.anzen.requirements.authoring;

import java.util.List;

/**
 * A draft edition to author from a published one: {@code basedOn} is copied, item for item, into version
 * {@code version} of the framework the request is made on. {@code framework} describes that framework when it does
 * not exist yet (a new form, e.g. FY2026's combined 医療機関・薬局確認用). A copy into the same framework and fiscal
 * year is a revision of the base and must say why ({@code revisionReason}); {@code provisionalReason} marks an
 * edition whose official wording or numbering has not been seen. {@code replacesSources}: once published, the forms
 * of other frameworks it is built from (its base and the forms it includes) are superseded by it.
 */
public record NewEdition(VersionRef basedOn, NewFramework framework, String version, Integer fiscalYear, String titleJa,
        String titleEn, String released, List<String> sourceUrls, String notes, String provisionalReason,
        String revisionReason, Boolean replacesSources) {

    public record VersionRef(String framework, String version) {

        public String id() {
            return framework + ":" + version;
        }
    }

    public record NewFramework(String kind, String titleJa, String titleEn, String publisher) {
    }
}
