package jp.anzen.requirements.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.Requirement;

/** Reading the catalogue: any authenticated caller may. */
@Path("/api/catalogue/frameworks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Catalogue")
@SecurityRequirement(name = "SecurityScheme")
public class FrameworkResource {

    private final CatalogueRepository catalogue;

    public FrameworkResource(CatalogueRepository catalogue) {
        this.catalogue = catalogue;
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
        var found = catalogue.version(frameworkId, version).orElseThrow(
                () -> new NotFoundException("No version " + version + " of framework " + frameworkId));
        List<Requirement> requirements = catalogue.requirements(frameworkId, version);
        int items = (int) requirements.stream().filter(r -> !"group".equals(r.kind())).count();
        return new VersionView(found, items, RequirementNode.tree(requirements));
    }
}
