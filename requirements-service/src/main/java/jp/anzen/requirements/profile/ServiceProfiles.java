package jp.anzen.requirements.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;
import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.importing.BundleValidator;
import jp.anzen.requirements.importing.InvalidBundleException;
import jp.anzen.requirements.publishing.Outbox;
import jp.anzen.requirements.publishing.VersionNotDraftException;

/** Importing service profiles as drafts, and publishing them. */
@ApplicationScoped
public class ServiceProfiles {

    public static final String PUBLISHED = "jp.anzen.catalogue.service-profile-published.v1";
    static final Set<String> RESPONSIBILITIES = Set.of("provider", "shared", "facility");

    private final CatalogueRepository catalogue;
    private final ServiceProfileRepository profiles;
    private final Outbox outbox;

    public ServiceProfiles(CatalogueRepository catalogue, ServiceProfileRepository profiles, Outbox outbox) {
        this.catalogue = catalogue;
        this.profiles = profiles;
        this.outbox = outbox;
    }

    @Transactional
    public ServiceProfile importDraft(ServiceProfileBundle bundle) {
        List<BundleError> errors = new ArrayList<>();
        if (!ServiceProfileBundle.FORMAT.equals(bundle.format())) {
            errors.add(new BundleError("/format", "must be " + ServiceProfileBundle.FORMAT));
        }
        if (bundle.id() == null || !bundle.id().matches("[a-z0-9][a-z0-9-]{0,99}")) {
            errors.add(new BundleError("/id", "lower-case letters, digits and dashes, at most 100"));
        }
        if (bundle.version() == null || !bundle.version().matches(BundleValidator.KEY) || bundle.version().length() > 40) {
            errors.add(new BundleError("/version", "is required, e.g. '1' (at most 40 characters)"));
        }
        for (var field : List.of(new String[] { "/provider", bundle.provider() }, new String[] { "/service", bundle.service() })) {
            if (field[1] == null || field[1].isBlank() || field[1].length() > 500) {
                errors.add(new BundleError(field[0], "is required, at most 500 characters"));
            }
        }
        if (bundle.notes() != null && bundle.notes().length() > 10_000) {
            errors.add(new BundleError("/notes", "at most 10000 characters"));
        }
        BundleValidator.urls(errors, "/source_urls", bundle.sourceUrls());
        if (bundle.example() == null) {
            errors.add(new BundleError("/example", "say true for an illustration, false for a provider's real declaration"));
        }
        var framework = bundle.framework();
        boolean known = framework != null && framework.id() != null && framework.version() != null
                && catalogue.version(framework.id(), framework.version()).isPresent();
        if (!known) {
            errors.add(new BundleError("/framework", "must name an imported framework version (id, version)"));
        }
        Set<String> keys = new HashSet<>();
        if (known) {
            String prefix = Requirement.id(framework.id(), framework.version(), "");
            catalogue.requirements(framework.id(), framework.version()).forEach(r -> keys.add(r.id().substring(prefix.length())));
        }
        List<ServiceProfileBundle.Coverage> coverage = bundle.coverage() == null ? List.of() : bundle.coverage();
        if (coverage.isEmpty()) {
            errors.add(new BundleError("/coverage", "must declare at least one requirement"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < coverage.size(); i++) {
            var entry = coverage.get(i);
            String at = "/coverage/" + i;
            if (entry == null) {
                errors.add(new BundleError(at, "is empty: give requirement and responsibility"));
                continue;
            }
            if (entry.note() != null && entry.note().length() > 2000) {
                errors.add(new BundleError(at + "/note", "at most 2000 characters"));
            }
            if (entry.requirement() == null || (known && !keys.contains(entry.requirement()))) {
                errors.add(new BundleError(at + "/requirement", "no requirement has the key '" + entry.requirement() + "'"));
            } else if (!seen.add(entry.requirement())) {
                errors.add(new BundleError(at + "/requirement", "declared twice"));
            }
            if (entry.responsibility() == null || !RESPONSIBILITIES.contains(entry.responsibility())) {
                errors.add(new BundleError(at + "/responsibility", "one of " + RESPONSIBILITIES));
            }
        }
        if (errors.isEmpty() && profiles.find(bundle.id(), bundle.version()).isPresent()) {
            errors.add(new BundleError("/version", "version " + bundle.version() + " of profile " + bundle.id()
                    + " already exists; import the change as a new version"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBundleException("The service profile has " + errors.size() + " error(s); nothing was imported", errors);
        }
        ServiceProfile profile = new ServiceProfile(bundle.id(), bundle.version(), VersionStatus.DRAFT, bundle.provider(),
                bundle.service(), bundle.example(), framework.id(), framework.version(), bundle.notes(),
                bundle.sourceUrls() == null ? List.of() : bundle.sourceUrls(), null,
                coverage.stream().map(c -> new ServiceProfile.Entry(Requirement.id(framework.id(), framework.version(),
                        c.requirement()), c.responsibility(), c.note())).toList());
        profiles.insertDraft(profile);
        return profile;
    }

    @Transactional
    public ServiceProfile publish(String id, String version) {
        ServiceProfile draft = profiles.find(id, version)
                .orElseThrow(() -> new VersionNotDraftException("service profile " + id + " version " + version, null));
        if (draft.status() != VersionStatus.DRAFT || !profiles.markPublished(id, version)) {
            throw new VersionNotDraftException("service profile " + id + " version " + version, draft.status());
        }
        profiles.supersedeOthers(id, version);
        ServiceProfile published = profiles.find(id, version).orElseThrow();
        outbox.add(published.frameworkId(), PUBLISHED, "service-profile/" + id + "/" + version, published);
        return published;
    }
}
