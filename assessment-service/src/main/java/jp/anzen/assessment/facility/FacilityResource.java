package jp.anzen.assessment.facility;

import java.net.URI;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.access.FacilityAccess;
import jp.anzen.assessment.eventstore.EventStore;
import jp.anzen.assessment.validation.Errors;

@Path("/api/facilities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Facilities")
@SecurityRequirement(name = "SecurityScheme")
public class FacilityResource {

    /** A page of a listing or of a history. */
    public record Page<T>(int page, int size, List<T> items) {
    }

    /** One event of a facility's audit trail: what happened, in which stream, by whom, when. */
    public record HistoryEntry(long position, String streamId, int streamVersion, String type, JsonNode data,
            JsonNode actor, Instant recordedAt) {
    }

    static final int MAX_PAGE = 500;

    private final Facilities facilities;
    private final FacilityAccess access;
    private final Caller caller;
    private final FacilityDirectory directory;
    private final EventStore events;

    public FacilityResource(Facilities facilities, FacilityAccess access, Caller caller, FacilityDirectory directory,
            EventStore events) {
        this.facilities = facilities;
        this.access = access;
        this.caller = caller;
        this.directory = directory;
        this.events = events;
    }

    @GET
    @Operation(summary = "The facilities you may see, filtered by network and prefecture, by code, a page at a time")
    public Page<FacilityDirectory.Entry> list(@QueryParam("network") String network, @QueryParam("prefecture") String prefecture,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Errors errors = pageErrors(page, size);
        if (prefecture != null && !prefecture.matches("0[1-9]|[1-3][0-9]|4[0-7]")) {
            errors.add("prefecture", "a prefecture code 01 to 47");
        }
        errors.throwIfAny("The query");
        return new Page<>(page, size, directory.list(access.listingScope(), network, prefecture, page * size, size));
    }

    @GET
    @Path("/{code}/history")
    @Operation(summary = "The facility's audit trail: every event of all its streams, in commit order, a page at a time")
    public Page<HistoryEntry> history(@PathParam("code") String code, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        access.readable(code);
        pageErrors(page, size).throwIfAny("The query");
        return new Page<>(page, size, events.readFacility(code, page * size, size).stream()
                .map(e -> new HistoryEntry(e.globalId(), e.streamId(), e.streamVersion(), e.type(), e.payload(), e.metadata(),
                        e.recordedAt()))
                .toList());
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
        return Response.created(URI.create("/api/facilities/" + facility.code())).tag(String.valueOf(facility.version()))
                .entity(facility).build();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "A facility's registration")
    public Response get(@PathParam("code") String code) {
        Facility facility = access.readable(code);
        return Response.ok(facility).tag(String.valueOf(facility.version())).build();
    }

    private static Errors pageErrors(int page, int size) {
        Errors errors = new Errors();
        if (page < 0) {
            errors.add("page", "0 or more");
        }
        if (size < 1 || size > MAX_PAGE) {
            errors.add("size", "1 to " + MAX_PAGE);
        }
        return errors;
    }
}
