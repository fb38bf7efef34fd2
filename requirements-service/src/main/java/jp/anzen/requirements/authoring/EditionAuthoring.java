package jp.anzen.requirements.authoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;
import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.importing.BundleImporter;
import jp.anzen.requirements.importing.BundleValidator;
import jp.anzen.requirements.importing.VersionBundle;
import jp.anzen.requirements.importing.VersionBundle.RequirementPart;
import jp.anzen.requirements.mapping.MappingSet;
import jp.anzen.requirements.publishing.VersionNotDraftException;

/**
 * Authoring a new edition (or a revision) from a published one: the copy, then one edit at a time, each recorded
 * with who made it, the draft's requirements and lineage rewritten to what the edits make of the base.
 */
@ApplicationScoped
public class EditionAuthoring {

    private static final int MAX_REASON = 2000;

    private final CatalogueRepository catalogue;
    private final EditionRepository editions;
    private final ObjectMapper json;

    public EditionAuthoring(CatalogueRepository catalogue, EditionRepository editions, ObjectMapper json) {
        this.catalogue = catalogue;
        this.editions = editions;
        this.json = json;
    }

    /** Creates the draft, a copy of {@code request.basedOn()}, as version {@code request.version()} of {@code frameworkId}. */
    @Transactional
    public FrameworkVersion create(String frameworkId, NewEdition request, String actor) {
        if (frameworkId != null && request.version() != null) {
            editions.lockName(frameworkId, request.version());
        }
        List<BundleError> errors = new ArrayList<>();
        if (frameworkId == null || frameworkId.length() > 100 || !frameworkId.matches("[a-z0-9][a-z0-9-]*")) {
            errors.add(new BundleError("/framework", "a framework id is lower-case letters, digits and hyphens (the path's"
                    + " {frameworkId}), at most 100"));
        }
        Optional<FrameworkVersion> base = Optional.empty();
        if (request.basedOn() == null || request.basedOn().framework() == null || request.basedOn().version() == null) {
            errors.add(new BundleError("/basedOn", "name the published version to start from: {framework, version}"));
        } else {
            base = catalogue.version(request.basedOn().framework(), request.basedOn().version());
            if (base.isEmpty() || base.get().status() == VersionStatus.DRAFT) {
                errors.add(new BundleError("/basedOn", "no published version " + request.basedOn().version() + " of "
                        + request.basedOn().framework() + " (a draft cannot be the base of another)"));
            }
        }
        if (request.version() == null || !request.version().matches("[0-9A-Za-z][0-9A-Za-z.-]{0,39}")) {
            errors.add(new BundleError("/version", "letters, digits, dots and hyphens, at most 40, e.g. '2026' or '2025-r2'"));
        } else if (frameworkId != null && catalogue.version(frameworkId, request.version()).isPresent()) {
            errors.add(new BundleError("/version", "version " + request.version() + " of " + frameworkId + " exists already"));
        }
        text(errors, "/titleJa", request.titleJa(), true);
        text(errors, "/titleEn", request.titleEn(), true);
        text(errors, "/provisionalReason", request.provisionalReason(), false);
        text(errors, "/revisionReason", request.revisionReason(), false);
        if (request.fiscalYear() != null && (request.fiscalYear() < 2000 || request.fiscalYear() > 2100)) {
            errors.add(new BundleError("/fiscalYear", "a year from 2000 to 2100"));
        }
        BundleValidator.urls(errors, "/sourceUrls", request.sourceUrls());
        Optional<Framework> framework = frameworkId == null ? Optional.empty() : catalogue.framework(frameworkId);
        if (framework.isEmpty() && request.framework() == null) {
            errors.add(new BundleError("/framework", "framework " + frameworkId + " is new: describe it (titleJa, titleEn,"
                    + " publisher; kind defaults to the base's)"));
        } else if (framework.isEmpty()) {
            text(errors, "/framework/titleJa", request.framework().titleJa(), true);
            text(errors, "/framework/titleEn", request.framework().titleEn(), true);
            text(errors, "/framework/publisher", request.framework().publisher(), true);
            if (request.framework().kind() != null && !BundleValidator.FRAMEWORK_KINDS.contains(request.framework().kind())) {
                errors.add(new BundleError("/framework/kind", "one of " + BundleValidator.FRAMEWORK_KINDS));
            }
        }
        boolean sameFramework = base.isPresent() && base.get().frameworkId().equals(frameworkId);
        boolean sameYear = base.isPresent() && base.get().fiscalYear() != null
                && base.get().fiscalYear().equals(request.fiscalYear());
        boolean revision = sameFramework && (sameYear || request.revisionReason() != null);
        if (sameFramework && sameYear && request.revisionReason() == null) {
            errors.add(new BundleError("/revisionReason", "a copy for the same framework and fiscal year revises "
                    + request.basedOn().id() + ": say what it corrects and why"));
        } else if (!sameFramework && request.revisionReason() != null) {
            errors.add(new BundleError("/revisionReason", "only a revision (a version of the base's own framework) has a"
                    + " revision reason"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidEditException("The new edition has " + errors.size() + " error(s); nothing was created", errors);
        }
        FrameworkVersion from = base.orElseThrow();
        Framework target = framework.orElseGet(() -> new Framework(frameworkId,
                request.framework().kind() == null ? catalogue.framework(from.frameworkId()).orElseThrow().kind()
                        : request.framework().kind(),
                request.framework().titleJa(), request.framework().titleEn(), request.framework().publisher(), List.of()));
        FrameworkVersion draft = new FrameworkVersion(frameworkId, request.version(), VersionStatus.DRAFT, request.titleJa(),
                request.titleEn(), request.fiscalYear(), request.released(),
                request.sourceUrls() == null ? from.sourceUrls() : request.sourceUrls(), request.notes(), null,
                FrameworkVersion.Provenance.of(request.basedOn().id(), request.provisionalReason(),
                        revision ? from.version() : null, request.revisionReason(),
                        Boolean.TRUE.equals(request.replacesSources())));
        DraftEdition copy = DraftEdition.copyOf(Requirement.id(from.frameworkId(), from.version(), ""),
                parts(from.frameworkId(), from.version()));
        catalogue.insertDraft(target, draft, requirements(frameworkId, request.version(), copy));
        editions.replaceLineage(frameworkId, request.version(), copy.lineage());
        ObjectNode created = json.valueToTree(request);
        created.put("op", "create");
        editions.append(frameworkId, request.version(), created, actor);
        return catalogue.version(frameworkId, request.version()).orElseThrow();
    }

    /** Applies one edit to a draft and records it. */
    @Transactional
    public EditionRepository.RecordedEdit edit(String frameworkId, String version, Edit edit, String actor) {
        VersionStatus status = editions.lock(frameworkId, version)
                .orElseThrow(() -> new VersionNotDraftException(frameworkId, version, null));
        if (status != VersionStatus.DRAFT) {
            throw new VersionNotDraftException(frameworkId, version, status);
        }
        if (editions.referencedElsewhere(frameworkId, version)) {
            throw new InvalidEditException("The draft cannot be edited", List.of(new BundleError("/", "a draft mapping set"
                    + " or service profile refers to its requirements; publish or remove that first")));
        }
        DraftEdition draft = new DraftEdition(parts(frameworkId, version), editions.lineage(frameworkId, version));
        DraftEdition next = draft.apply(edit, json, this::published);
        catalogue.replaceDraftRequirements(frameworkId, version, requirements(frameworkId, version, next));
        editions.replaceLineage(frameworkId, version, next.lineage());
        return editions.append(frameworkId, version, json.valueToTree(edit), actor);
    }

    public List<EditionRepository.RecordedEdit> edits(String frameworkId, String version) {
        return editions.edits(frameworkId, version);
    }

    /** The edition mapping sets the draft's lineage makes, one per source version (as publishing will store them). */
    public List<MappingSet> derivedMappings(String frameworkId, String version, VersionStatus status) {
        List<DraftEdition.Link> lineage = editions.lineage(frameworkId, version);
        return lineage.isEmpty() ? List.of()
                : DerivedMappings.of(frameworkId, version, status, lineage, parts(frameworkId, version));
    }

    private Optional<List<RequirementPart>> published(String frameworkAndVersion) {
        String[] ref = frameworkAndVersion.split(":", 2);
        return catalogue.version(ref[0], ref[1]).filter(v -> v.status() != VersionStatus.DRAFT)
                .map(v -> parts(ref[0], ref[1]));
    }

    /** A version's requirements as the items of a bundle, by key. */
    private List<RequirementPart> parts(String frameworkId, String version) {
        int prefix = Requirement.id(frameworkId, version, "").length();
        return catalogue.requirements(frameworkId, version).stream()
                .map(r -> new RequirementPart(r.id().substring(prefix), r.parentId() == null ? null : r.parentId().substring(prefix),
                        r.kind(), r.number(), r.textJa(), r.textEn(), r.target(), r.obligation(), r.requiredFrom(), r.deadline(),
                        r.facilityKinds(), r.guidelineRefs(), r.confidence(), r.wording(), r.sourceUrls(), r.notes(), r.goal()))
                .toList();
    }

    private static List<Requirement> requirements(String frameworkId, String version, DraftEdition draft) {
        return BundleImporter.requirements(new VersionBundle(VersionBundle.FORMAT,
                new VersionBundle.FrameworkPart(frameworkId, null, null, null, null),
                new VersionBundle.VersionPart(version, null, null, null, null, null, null, null), draft.items()));
    }

    private static void text(List<BundleError> errors, String pointer, String value, boolean required) {
        if (value == null ? required : value.isBlank() || value.length() > MAX_REASON) {
            errors.add(new BundleError(pointer, (required ? "is required: " : "") + "1 to " + MAX_REASON + " characters"));
        }
    }
}
