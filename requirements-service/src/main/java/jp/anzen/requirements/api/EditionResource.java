package jp.anzen.requirements.api;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jp.anzen.requirements.authoring.Edit;
import jp.anzen.requirements.authoring.EditionAuthoring;
import jp.anzen.requirements.authoring.EditionRepository.RecordedEdit;
import jp.anzen.requirements.authoring.NewEdition;
import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.mapping.MappingSet;

/**
 * Authoring editions as an editor would: a new draft as a copy of a published edition, then edits, each recorded;
 * the edition mapping follows from the edits, and publishing is as for any draft.
 */
@Path("/api/catalogue/frameworks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
@Tag(name = "Catalogue authoring")
@SecurityRequirement(name = "SecurityScheme")
public class EditionResource {

    private final EditionAuthoring authoring;
    private final CatalogueRepository catalogue;
    private final SecurityIdentity caller;

    public EditionResource(EditionAuthoring authoring, CatalogueRepository catalogue, SecurityIdentity caller) {
        this.authoring = authoring;
        this.catalogue = catalogue;
        this.caller = caller;
    }

    @POST
    @Path("/{frameworkId}/versions")
    @Operation(summary = "Create a draft edition (or a revision) as a copy of a published one; the framework is created"
            + " when the body describes a new one")
    public Response create(@PathParam("frameworkId") String frameworkId, NewEdition request) {
        if (request == null) {
            throw new BadRequestException("Send the new edition: {basedOn: {framework, version}, version, titleJa, titleEn, …}");
        }
        FrameworkVersion draft = authoring.create(frameworkId, request, caller.getPrincipal().getName());
        return Response.created(URI.create("/api/catalogue/frameworks/" + frameworkId + "/versions/" + draft.version()))
                .entity(draft).build();
    }

    @GET
    @Path("/{frameworkId}/versions/{version}/edits")
    @Operation(summary = "The edits that made an authored edition, in order, with who made them and why")
    public List<RecordedEdit> edits(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version) {
        find(frameworkId, version);
        return authoring.edits(frameworkId, version);
    }

    @POST
    @Path("/{frameworkId}/versions/{version}/edits")
    @Operation(summary = "Apply one edit to a draft: amend, add, remove, merge, split, or include another form;"
            + " every error is reported at once and the draft stays as it was then")
    public Response edit(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version, Edit edit) {
        if (edit == null) {
            throw new BadRequestException("Send the edit: {op, …, reason}");
        }
        RecordedEdit recorded = authoring.edit(frameworkId, version, edit, caller.getPrincipal().getName());
        return Response.created(URI.create("/api/catalogue/frameworks/" + frameworkId + "/versions/" + version + "/edits"))
                .entity(recorded).build();
    }

    @GET
    @Path("/{frameworkId}/versions/{version}/derived-mappings")
    @Operation(summary = "The edition mapping sets the edits derive, one per source version (stored at publication)")
    public List<MappingSet> derivedMappings(@PathParam("frameworkId") String frameworkId, @PathParam("version") String version) {
        return authoring.derivedMappings(frameworkId, version, find(frameworkId, version).status());
    }

    private FrameworkVersion find(String frameworkId, String version) {
        return catalogue.version(frameworkId, version).orElseThrow(
                () -> new NotFoundException("No version " + version + " of framework " + frameworkId));
    }
}
