package jp.anzen.requirements.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;
import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.importing.InvalidBundleException;
import jp.anzen.requirements.publishing.Outbox;
import jp.anzen.requirements.publishing.VersionNotDraftException;

/** Importing mapping sets as drafts and publishing them. */
@ApplicationScoped
public class MappingSets {

    public static final String PUBLISHED = "jp.anzen.catalogue.mapping-set-published.v1";

    private final CatalogueRepository catalogue;
    private final MappingRepository mappings;
    private final Outbox outbox;

    public MappingSets(CatalogueRepository catalogue, MappingRepository mappings, Outbox outbox) {
        this.catalogue = catalogue;
        this.mappings = mappings;
        this.outbox = outbox;
    }

    @Transactional
    public MappingSet importDraft(MappingSetBundle bundle) {
        Set<String> fromKeys = bundle.from() == null ? null : keys(bundle.from());
        Set<String> toKeys = bundle.to() == null ? null : keys(bundle.to());
        List<BundleError> errors = new ArrayList<>(MappingSetValidator.validate(bundle, fromKeys, toKeys));
        if (errors.isEmpty() && mappings.find(bundle.id()).isPresent()) {
            errors.add(new BundleError("/", "mapping set " + bundle.id() + " already exists; published sets never change"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBundleException("The mapping set has " + errors.size() + " error(s); nothing was imported", errors);
        }
        String from = bundle.from().framework() + ":" + bundle.from().version() + ":";
        String to = bundle.to().framework() + ":" + bundle.to().version() + ":";
        List<Mapping> entries = bundle.mappings().stream()
                .map(m -> new Mapping(bundle.id(), bundle.kind(), m.from() == null ? null : from + m.from(),
                        m.to() == null ? null : to + m.to(), m.relation(), m.note()))
                .toList();
        MappingSet set = new MappingSet(bundle.id(), bundle.kind(), bundle.from().framework(), bundle.from().version(),
                bundle.to().framework(), bundle.to().version(), VersionStatus.DRAFT, null, entries);
        mappings.insertDraft(set);
        return set;
    }

    @Transactional
    public MappingSet publish(String setId) {
        MappingSet draft = mappings.find(setId).orElseThrow(() -> new VersionNotDraftException("mapping set " + setId, null));
        if (draft.status() != VersionStatus.DRAFT || !mappings.markPublished(setId)) {
            throw new VersionNotDraftException("mapping set " + setId, draft.status());
        }
        MappingSet published = mappings.find(setId).orElseThrow();
        mappings.supersedeOthers(published);
        outbox.add(published.fromFramework(), PUBLISHED, setId, published);
        return published;
    }

    private Set<String> keys(MappingSetBundle.VersionRef ref) {
        if (ref.framework() == null || ref.version() == null || catalogue.version(ref.framework(), ref.version()).isEmpty()) {
            return null;
        }
        String prefix = Requirement.id(ref.framework(), ref.version(), "");
        return catalogue.requirements(ref.framework(), ref.version()).stream()
                .map(r -> r.id().substring(prefix.length())).collect(Collectors.toSet());
    }
}
