package jp.anzen.requirements.authoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.VersionStatus;
import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.mapping.MappingRepository;
import jp.anzen.requirements.mapping.MappingSet;
import jp.anzen.requirements.mapping.MappingSets;
import jp.anzen.requirements.publishing.FrameworkVersionSuperseded;
import jp.anzen.requirements.publishing.Outbox;
import jp.anzen.requirements.publishing.VersionPublisher;

/**
 * Publishes a draft and, when it was authored from another edition, the edition mapping sets its edits derived, in
 * the same transaction: consumers learn of the new version and of what carries forward into it together.
 */
@ApplicationScoped
public class EditionPublisher {

    private final VersionPublisher versions;
    private final EditionAuthoring authoring;
    private final MappingRepository mappings;
    private final MappingSets mappingSets;
    private final CatalogueRepository catalogue;
    private final Outbox outbox;

    public EditionPublisher(VersionPublisher versions, EditionAuthoring authoring, MappingRepository mappings,
            MappingSets mappingSets, CatalogueRepository catalogue, Outbox outbox) {
        this.versions = versions;
        this.authoring = authoring;
        this.mappings = mappings;
        this.mappingSets = mappingSets;
        this.catalogue = catalogue;
        this.outbox = outbox;
    }

    @Transactional
    public FrameworkVersion publish(String frameworkId, String version) {
        FrameworkVersion published = versions.publish(frameworkId, version);
        List<MappingSet> derived = authoring.derivedMappings(frameworkId, version, VersionStatus.DRAFT);
        for (MappingSet set : derived) {
            if (mappings.find(set.id()).isPresent()) {
                throw new InvalidEditException("The edition cannot be published", List.of(new BundleError("/", "mapping set "
                        + set.id() + " exists already (imported by hand); its edits would derive it anew")));
            }
            mappings.insertDraft(set);
            mappingSets.publish(set.id());
        }
        if (published.provenance() != null && published.provenance().replacesSources()) {
            for (MappingSet set : derived) {
                if (!set.fromFramework().equals(frameworkId) && catalogue.supersede(set.fromFramework(), set.fromVersion())) {
                    outbox.add(set.fromFramework(), FrameworkVersionSuperseded.TYPE, set.fromFramework() + "/" + set.fromVersion(),
                            new FrameworkVersionSuperseded(set.fromFramework(), set.fromVersion(), version, frameworkId));
                }
            }
        }
        return catalogue.version(frameworkId, version).orElseThrow();
    }
}
