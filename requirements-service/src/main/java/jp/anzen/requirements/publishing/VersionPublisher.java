package jp.anzen.requirements.publishing;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.VersionStatus;

/** Publishes a draft version: from then on it is immutable, and consumers learn of it through the outbox. */
@ApplicationScoped
public class VersionPublisher {

    private final CatalogueRepository catalogue;
    private final Outbox outbox;

    public VersionPublisher(CatalogueRepository catalogue, Outbox outbox) {
        this.catalogue = catalogue;
        this.outbox = outbox;
    }

    /** @throws VersionNotDraftException when the version is missing or no longer a draft */
    @Transactional
    public FrameworkVersion publish(String frameworkId, String version) {
        FrameworkVersion draft = catalogue.version(frameworkId, version)
                .orElseThrow(() -> new VersionNotDraftException(frameworkId, version, null));
        if (draft.status() != VersionStatus.DRAFT || !catalogue.markPublished(frameworkId, version)) {
            throw new VersionNotDraftException(frameworkId, version, draft.status());
        }
        Framework framework = catalogue.framework(frameworkId).orElseThrow();
        FrameworkVersion published = catalogue.version(frameworkId, version).orElseThrow();
        var items = catalogue.requirements(frameworkId, version).stream()
                .map(r -> new FrameworkVersionPublished.Item(r.id(), r.parentId(), r.position(), r.kind(), r.number(),
                        r.textJa(), r.textEn(), r.target(), r.obligation(), r.deadline(), r.facilityKinds(),
                        r.confidence(), r.wording(), r.goal()))
                .toList();
        Instant publishedAt = published.publishedAt();
        outbox.add(frameworkId, FrameworkVersionPublished.TYPE, frameworkId + "/" + version,
                new FrameworkVersionPublished(frameworkId, framework.kind(), framework.titleJa(), framework.titleEn(),
                        version, published.fiscalYear(), published.titleJa(), published.titleEn(), publishedAt, items,
                        published.provisional(), published.provisionalReason(),
                        published.provenance() == null ? null : published.provenance().revisionOf(),
                        published.provenance() == null ? null : published.provenance().revisionReason()));
        for (String older : catalogue.supersedeOthers(frameworkId, version)) {
            outbox.add(frameworkId, FrameworkVersionSuperseded.TYPE, frameworkId + "/" + older,
                    new FrameworkVersionSuperseded(frameworkId, older, version));
        }
        return published;
    }
}
