package jp.anzen.requirements.api;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.Authenticated;
import jp.anzen.requirements.authoring.EditionAuthoring;
import jp.anzen.requirements.authoring.EditionPublisher;
import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.importing.BundleValidator;
import jp.anzen.requirements.mapping.EditionDiff;
import jp.anzen.requirements.mapping.MappingRepository;
import jp.anzen.requirements.oscal.OscalCatalogWriter;
import jp.anzen.requirements.problem.InvalidParameterException;

/** Frameworks and their versions: the requirement tree, applicability queries, diffs, OSCAL, publishing. */
@Path("/api/catalogue/frameworks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Catalogue")
@SecurityRequirement(name = "SecurityScheme")
public class FrameworkResource {

    private final CatalogueRepository catalogue;
    private final MappingRepository mappings;
    private final EditionAuthoring authoring;
    private final EditionPublisher editions;

    public FrameworkResource(CatalogueRepository catalogue, MappingRepository mappings, EditionAuthoring authoring,
            EditionPublisher editions) {
        this.catalogue = catalogue;
        this.mappings = mappings;
        this.authoring = authoring;
        this.editions = editions;
    }

    @GET
    @Operation(summary = "All frameworks with their versions")
    public List<Framework> frameworks() {
        return catalogue.frameworks();
    }

    @GET
    @Path("/{frameworkId}/versions/{version}")
    @Operation(summary = "One framework version with its requirement tree")
    public VersionView version(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version) {
        FrameworkVersion found = find(frameworkId, version);
        List<Requirement> requirements = catalogue.requirements(frameworkId, version);
        int items = (int) requirements.stream().filter(r -> !"group".equals(r.kind())).count();
        return new VersionView(found, items, RequirementNode.tree(requirements));
    }

    @GET
    @Path("/{frameworkId}/versions/{version}/requirements")
    @Operation(summary = "The version's items that apply: to a target, to a kind of facility, matching a search (Japanese or English)")
    public List<Requirement> requirements(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version,
            @QueryParam("target") String target, @QueryParam("facilityKind") String facilityKind, @QueryParam("q") String q) {
        find(frameworkId, version);
        if (target != null && !BundleValidator.TARGETS.contains(target)) {
            throw new InvalidParameterException("target", "one of " + new java.util.TreeSet<>(BundleValidator.TARGETS));
        }
        if (facilityKind != null && !BundleValidator.FACILITY_KINDS.contains(facilityKind)) {
            throw new InvalidParameterException("facilityKind", "one of " + new java.util.TreeSet<>(BundleValidator.FACILITY_KINDS));
        }
        String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        return catalogue.requirements(frameworkId, version).stream()
                .filter(r -> !"group".equals(r.kind()))
                .filter(r -> target == null || target.equals(r.target()))
                .filter(r -> facilityKind == null || r.facilityKinds().isEmpty() || r.facilityKinds().contains(facilityKind))
                .filter(r -> needle == null || contains(r.textJa(), needle) || contains(r.textEn(), needle)
                        || contains(r.number(), needle) || contains(r.notes(), needle))
                .toList();
    }

    @GET
    @Path("/{frameworkId}/diff")
    @Operation(summary = "What was added, changed, merged, split or removed from one edition to another (from: a version of"
            + " this framework, or framework:version of another form merged into it; a draft shows what its edits derive)")
    public EditionDiff diff(@PathParam("frameworkId") String frameworkId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw new InvalidParameterException(from == null ? "from" : "to", "both from and to versions are required, e.g. from=2024&to=2025");
        }
        String fromFramework = from.contains(":") ? from.substring(0, from.indexOf(':')) : frameworkId;
        String fromVersion = from.substring(from.indexOf(':') + 1);
        find(fromFramework, fromVersion);
        FrameworkVersion target = find(frameworkId, to);
        String id = "edition:" + fromFramework + ":" + fromVersion + "--" + frameworkId + ":" + to;
        var set = mappings.find(id).or(() -> authoring.derivedMappings(frameworkId, to, target.status()).stream()
                .filter(derived -> derived.id().equals(id)).findFirst())
                .orElseThrow(() -> new NotFoundException("No edition mapping from " + from + " to " + to + " of " + frameworkId
                        + " has been imported or derived"));
        return EditionDiff.of(frameworkId, set);
    }

    @GET
    @Path("/{frameworkId}/versions/{version}/oscal")
    @Operation(summary = "The version as an OSCAL 1.1 catalog (JSON)")
    public ObjectNode oscal(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version) {
        FrameworkVersion found = find(frameworkId, version);
        Framework framework = catalogue.framework(frameworkId).orElseThrow();
        return OscalCatalogWriter.write(framework, found, catalogue.requirements(frameworkId, version));
    }

    @POST
    @Path("/{frameworkId}/versions/{version}/publish")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Publish a draft version: immutable from then on; earlier versions become superseded. A draft"
            + " authored from another edition publishes the edition mapping sets its edits derived with it")
    public FrameworkVersion publish(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version) {
        return editions.publish(frameworkId, version);
    }

    private FrameworkVersion find(String frameworkId, String version) {
        return catalogue.version(frameworkId, version).orElseThrow(
                () -> new NotFoundException("No version " + version + " of framework " + frameworkId));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
