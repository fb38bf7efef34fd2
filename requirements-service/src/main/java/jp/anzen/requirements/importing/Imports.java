package jp.anzen.requirements.importing;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import jp.anzen.requirements.mapping.MappingSetBundle;
import jp.anzen.requirements.mapping.MappingSets;
import jp.anzen.requirements.oscal.OscalCatalogReader;
import jp.anzen.requirements.profile.ServiceProfileBundle;
import jp.anzen.requirements.profile.ServiceProfiles;

/**
 * One entrance for every import document, told apart by its {@code format} (or, for OSCAL, its
 * {@code catalog} root): a framework version, a mapping set or a service profile, each stored as a draft.
 */
@ApplicationScoped
public class Imports {

    /** What an import created: its kind, id and where to read (and publish) it. */
    public record Imported(String kind, String id, String status, String location, String publish) {
    }

    private final BundleImporter versions;
    private final MappingSets mappingSets;
    private final ServiceProfiles profiles;

    public Imports(BundleImporter versions, MappingSets mappingSets, ServiceProfiles profiles) {
        this.versions = versions;
        this.mappingSets = mappingSets;
        this.profiles = profiles;
    }

    public Imported importDraft(JsonNode document) {
        if (document.has("catalog")) {
            return version(OscalCatalogReader.read(document));
        }
        String format = document.path("format").asText("");
        return switch (format) {
            case VersionBundle.FORMAT -> version(BundleImporter.read(document));
            case MappingSetBundle.FORMAT -> {
                var set = mappingSets.importDraft(BundleReader.as(document, MappingSetBundle.class));
                yield new Imported("mapping-set", set.id(), "draft", "/api/catalogue/mapping-sets/" + set.id(),
                        "/api/catalogue/mapping-sets/" + set.id() + "/publish");
            }
            case ServiceProfileBundle.FORMAT -> {
                var profile = profiles.importDraft(BundleReader.as(document, ServiceProfileBundle.class));
                String at = "/api/catalogue/service-profiles/" + profile.id() + "/versions/" + profile.version();
                yield new Imported("service-profile", profile.id() + "/" + profile.version(), "draft", at, at + "/publish");
            }
            default -> throw new InvalidBundleException("Unknown import format", java.util.List.of(new BundleError("/format",
                    "one of " + VersionBundle.FORMAT + ", " + MappingSetBundle.FORMAT + ", " + ServiceProfileBundle.FORMAT
                            + ", or an OSCAL catalog (a document with a 'catalog' root)")));
        };
    }

    private Imported version(VersionBundle bundle) {
        var version = versions.importDraft(bundle);
        String at = "/api/catalogue/frameworks/" + version.frameworkId() + "/versions/" + version.version();
        return new Imported("framework-version", version.frameworkId() + "/" + version.version(), "draft", at, at + "/publish");
    }
}
