package jp.anzen.assessment.facility;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.access.FacilityAccess;

@Path("/api/facilities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Facilities")
@SecurityRequirement(name = "SecurityScheme")
public class FacilityResource {

    private final Facilities facilities;
    private final FacilityAccess access;
    private final Caller caller;

    public FacilityResource(Facilities facilities, FacilityAccess access, Caller caller) {
        this.facilities = facilities;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Register a facility (an administrator, its manager, or a network registering a member)")
    public Response register(RegisterFacility request) {
        if (request == null) {
            throw new jakarta.ws.rs.BadRequestException("A JSON body describing the facility is required");
        }
        request.validate();
        if (!access.canRegister(request.code(), request.networkId())) {
            throw new ForbiddenException("You may register only your own facility, or members of your own network"
                    + " (give its networkId)");
        }
        Facility facility = facilities.register(request, caller.actor());
        return Response.created(URI.create("/api/facilities/" + facility.code())).tag(facility.etag().replace("\"", ""))
                .entity(facility).build();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "A facility's registration")
    public Response get(@PathParam("code") String code) {
        Facility facility = facilities.find(code).filter(access::canRead)
                .orElseThrow(() -> new FacilityNotFoundException(code));
        return Response.ok(facility).tag(String.valueOf(facility.version())).build();
    }
}
