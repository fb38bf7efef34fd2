package jp.anzen.reporting.rebuild;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.anzen.reporting.problem.ConflictException;
import jp.anzen.reporting.problem.NotVisibleException;

/** Administrators rebuild the projections from the topics; the reports keep answering meanwhile. */
@Path("/api/reports/admin/rebuilds")
@RolesAllowed("anzen-admin")
@Tag(name = "Administration")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final ProjectionRebuilder rebuilder;
    private final JsonWebToken token;

    public RebuildResource(ProjectionRebuilder rebuilder, JsonWebToken token) {
        this.rebuilder = rebuilder;
        this.token = token;
    }

    @POST
    @Operation(summary = "Rebuild every projection from the beginning of the topics into fresh tables, then switch"
            + " (202; follow the Location)")
    public Response start() {
        Rebuild rebuild = rebuilder.start(token.getName())
                .orElseThrow(() -> new ConflictException("A rebuild is already running; follow it, then start another"));
        return Response.accepted(rebuild).location(URI.create("/api/reports/admin/rebuilds/" + rebuild.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Where a rebuild stands: events applied so far, and when done the switch time and events per second")
    public Rebuild status(@PathParam("id") String id) {
        return rebuilder.find(id).orElseThrow(() -> new NotVisibleException("No rebuild " + id));
    }
}
