package jp.anzen.requirements.importing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;

/** Reads a version bundle, validates all of it, and stores it as a draft, or nothing at all. */
@ApplicationScoped
public class BundleImporter {

    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private final CatalogueRepository catalogue;

    public BundleImporter(CatalogueRepository catalogue) {
        this.catalogue = catalogue;
    }

    /** Parses YAML (a superset of JSON) or JSON; a syntax error is reported with its line and column. */
    public static VersionBundle parse(byte[] content, boolean yaml) {
        try {
            return (yaml ? YAML : JSON).readValue(content, VersionBundle.class);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "/" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new InvalidBundleException("The bundle cannot be read", List.of(new BundleError(where, e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public FrameworkVersion importDraft(VersionBundle bundle) {
        List<BundleError> errors = new ArrayList<>(BundleValidator.validate(bundle));
        if (errors.isEmpty()) {
            catalogue.version(bundle.framework().id(), bundle.version().version()).ifPresent(existing -> errors.add(
                    new BundleError("/version/version", "version " + existing.version() + " of " + existing.frameworkId()
                            + " already exists (" + existing.status().code() + "); "
                            + (existing.status() == VersionStatus.DRAFT ? "delete the draft first"
                                    : "published versions never change: import the correction as a new version"))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBundleException("The bundle has " + errors.size() + " error(s); nothing was imported", errors);
        }
        var f = bundle.framework();
        var v = bundle.version();
        FrameworkVersion version = new FrameworkVersion(f.id(), v.version(), VersionStatus.DRAFT, v.titleJa(), v.titleEn(),
                v.fiscalYear(), v.released(), orEmpty(v.sourceUrls()), v.notes(), null);
        catalogue.insertDraft(new Framework(f.id(), f.kind(), f.titleJa(), f.titleEn(), f.publisher(), List.of()), version,
                requirements(bundle));
        return version;
    }

    private static List<Requirement> requirements(VersionBundle bundle) {
        String framework = bundle.framework().id();
        String version = bundle.version().version();
        List<Requirement> requirements = new ArrayList<>();
        int position = 0;
        for (var r : bundle.requirements()) {
            requirements.add(new Requirement(Requirement.id(framework, version, r.key()),
                    r.parent() == null ? null : Requirement.id(framework, version, r.parent()), position++, r.kind(),
                    r.number(), r.textJa(), r.textEn(), r.target(), r.obligation(), r.requiredFrom(), r.deadline(),
                    orEmpty(r.facilityKinds()), orEmpty(r.guidelineRefs()), r.confidence(),
                    r.wording() == null ? "official" : r.wording(), orEmpty(r.sourceUrls()), r.notes()));
        }
        // parents before children, so that the parent_id foreign key holds within the batch
        return TreeOrder.parentsFirst(requirements);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
