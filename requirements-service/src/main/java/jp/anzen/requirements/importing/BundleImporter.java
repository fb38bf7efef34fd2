package jp.anzen.requirements.importing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;


import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;

/** Reads a version bundle, validates all of it, and stores it as a draft, or nothing at all. */
@ApplicationScoped
public class BundleImporter {

    private final CatalogueRepository catalogue;

    public BundleImporter(CatalogueRepository catalogue) {
        this.catalogue = catalogue;
    }

    /** Parses a bundle in YAML (a superset of JSON) or JSON. */
    public static VersionBundle parse(byte[] content, boolean yaml) {
        return read(BundleReader.tree(content, yaml));
    }

    /**
     * A bundle's tree, checked against the published schema of its format before it is read. When it breaks the schema,
     * the rules the schema cannot say are checked too where the bundle can still be read, so that an editor sees every
     * error in one answer.
     */
    public static VersionBundle read(JsonNode tree) {
        List<BundleError> errors = new ArrayList<>(BundleSchema.check(tree));
        if (!errors.isEmpty()) {
            try {
                BundleValidator.validate(BundleReader.as(tree, VersionBundle.class)).stream()
                        .filter(e -> errors.stream().noneMatch(known -> known.pointer().equals(e.pointer())))
                        .forEach(errors::add);
            } catch (InvalidBundleException unreadable) {
                // the schema's errors say why
            }
            throw new InvalidBundleException("The bundle does not fit the format " + VersionBundle.FORMAT + " ("
                    + errors.size() + " error(s); its schema is served at /api/catalogue/schemas/anzen-catalogue-bundle-1);"
                    + " nothing was imported", errors);
        }
        return BundleReader.as(tree, VersionBundle.class);
    }

    @Transactional
    public FrameworkVersion importDraft(VersionBundle bundle) {
        List<BundleError> errors = new ArrayList<>(BundleValidator.validate(bundle));
        if (errors.isEmpty()) {
            catalogue.version(bundle.framework().id(), bundle.version().version()).ifPresent(existing -> errors.add(
                    new BundleError("/version/version", "version " + existing.version() + " of " + existing.frameworkId()
                            + " already exists (" + existing.status().code() + "); "
                            + (existing.status() == VersionStatus.DRAFT ? "its draft awaits publishing"
                                    : "published versions never change: import the correction as a new version"))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBundleException("The bundle has " + errors.size() + " error(s); nothing was imported", errors);
        }
        var f = bundle.framework();
        var v = bundle.version();
        FrameworkVersion version = new FrameworkVersion(f.id(), v.version(), VersionStatus.DRAFT, v.titleJa(), v.titleEn(),
                v.fiscalYear(), v.released(), orEmpty(v.sourceUrls()), v.notes(), null,
                FrameworkVersion.Provenance.of(null, v.provisionalReason(), null, null, false));
        catalogue.insertDraft(new Framework(f.id(), f.kind(), f.titleJa(), f.titleEn(), f.publisher(), List.of()), version,
                requirements(bundle));
        return version;
    }

    /** The bundle's requirements with their ids and positions, parents before children. */
    public static List<Requirement> requirements(VersionBundle bundle) {
        String framework = bundle.framework().id();
        String version = bundle.version().version();
        List<Requirement> requirements = new ArrayList<>();
        int position = 0;
        for (var r : bundle.requirements()) {
            requirements.add(new Requirement(Requirement.id(framework, version, r.key()),
                    r.parent() == null ? null : Requirement.id(framework, version, r.parent()), position++, r.kind(),
                    r.number(), r.textJa(), r.textEn(), r.target(), r.obligation(), r.requiredFrom(), r.deadline(),
                    orEmpty(r.facilityKinds()), orEmpty(r.guidelineRefs()), r.confidence(),
                    r.wording() == null ? "official" : r.wording(), orEmpty(r.sourceUrls()), r.notes(),
                    r.goal() == null ? null : Requirement.Goal.of(r.goal().by(), r.goal().conditionJa(), r.goal().conditionEn())));
        }
        // parents before children, so that the parent_id foreign key holds within the batch
        return TreeOrder.parentsFirst(requirements);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
