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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    /** Far past any listing's end, and small enough that page x size is an int (it was negative for 2147483647). */
    static final int LAST_PAGE = 100_000;

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
            @QueryParam("page") @DefaultValue("0") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000"))
            String pageParameter,
            @QueryParam("size") @DefaultValue("50") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "500")) String sizeParameter) {
        Errors errors = new Errors();
        int page = page(pageParameter, errors);
        int size = size(sizeParameter, errors);
        if (prefecture != null && !prefecture.matches("0[1-9]|[1-3][0-9]|4[0-7]")) {
            errors.add("prefecture", "a prefecture code 01 to 47");
        }
        errors.throwIfAny("The query");
        return new Page<>(page, size, directory.list(access.listingScope(), network, prefecture, page * size, size));
    }

    @GET
    @Path("/{code}/history")
    @Operation(summary = "The facility's audit trail: every event of all its streams, in commit order, a page at a time")
    public Page<HistoryEntry> history(@PathParam("code") String code,
            @QueryParam("page") @DefaultValue("0") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000"))
            String pageParameter,
            @QueryParam("size") @DefaultValue("100") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "500")) String sizeParameter) {
        access.readable(code);
        Errors errors = new Errors();
        int page = page(pageParameter, errors);
        int size = size(sizeParameter, errors);
        errors.throwIfAny("The query");
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
        Facility facility;
        try {
            facility = facilities.register(request, caller.actor());
        } catch (FacilityExistsException e) {
            if (facilities.find(request.code()).filter(access::canRead).isEmpty()) {
                // "already registered" would tell a caller who may not see the facility that it exists
                throw new ForbiddenException("You cannot register facility " + request.code() + ". Its manager or an"
                        + " administrator can; the manager can then make it a member of your network.");
            }
            throw e;
        }
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

    /*
     * Read as text: a JAX-RS int parameter that is not a number ends as a bare 404, where the caller needs to be told
     * which parameter to fix.
     */

    private static int page(String parameter, Errors errors) {
        Integer page = integer(parameter);
        if (page == null || page < 0 || page > LAST_PAGE) {
            errors.add("page", "a whole number from 0 to " + LAST_PAGE);
            return 0;
        }
        return page;
    }

    private static int size(String parameter, Errors errors) {
        Integer size = integer(parameter);
        if (size == null || size < 1 || size > MAX_PAGE) {
            errors.add("size", "a whole number from 1 to " + MAX_PAGE);
            return 1;
        }
        return size;
    }

    private static Integer integer(String parameter) {
        try {
            return parameter.strip().matches("[+-]?[0-9]{1,9}") ? Integer.valueOf(parameter.strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
