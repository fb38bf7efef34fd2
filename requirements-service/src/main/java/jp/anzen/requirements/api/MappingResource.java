package jp.anzen.requirements.api;

import java.util.List;

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

import io.quarkus.security.Authenticated;
import jp.anzen.requirements.mapping.MappingRepository;
import jp.anzen.requirements.mapping.MappingSet;
import jp.anzen.requirements.mapping.MappingSets;

@Path("/api/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Mappings")
@SecurityRequirement(name = "SecurityScheme")
public class MappingResource {

    private final MappingRepository mappings;
    private final MappingSets sets;

    public MappingResource(MappingRepository mappings, MappingSets sets) {
        this.mappings = mappings;
        this.sets = sets;
    }

    @GET
    @Path("/mappings")
    @Operation(summary = "Mapping sets between framework versions (from/to as framework:version), with their mappings")
    public List<MappingSet> mappings(@QueryParam("from") String from, @QueryParam("to") String to) {
        return mappings.sets(from, to).stream().map(mappings::withMappings).toList();
    }

    @GET
    @Path("/mapping-sets/{id}")
    @Operation(summary = "One mapping set")
    public MappingSet set(@PathParam("id") String id) {
        return mappings.find(id).orElseThrow(() -> new NotFoundException("No mapping set " + id));
    }

    @POST
    @Path("/mapping-sets/{id}/publish")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Publish a draft mapping set")
    public MappingSet publish(@PathParam("id") String id) {
        return sets.publish(id);
    }
}
