package jp.anzen.assessment.vendorpush;

import java.io.IOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.eventstore.LostRace;

@Path("/api/vendor/answers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Vendor systems")
@SecurityRequirement(name = "SecurityScheme")
public class VendorPushResource {

    static final String KEY_FORMAT = "[A-Za-z0-9._:-]{8,128}";

    private final VendorPushes pushes;
    private final Caller caller;
    private final ObjectMapper json;

    public VendorPushResource(VendorPushes pushes, Caller caller, ObjectMapper json) {
        this.pushes = pushes;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed(Caller.VENDOR)
    @Operation(summary = "Push vendor-form answers for many facilities (those with an active contract); requires an"
            + " Idempotency-Key: a retry with the same key returns the first result and stores nothing new")
    public Response push(@HeaderParam("Idempotency-Key") String key, byte[] body) throws IOException {
        if (key == null || !key.matches(KEY_FORMAT)) {
            throw new BadRequestException("Send an Idempotency-Key header of 8 to 128 characters (letters, digits, . _ : -),"
                    + " new for every new push and the same on every retry of it");
        }
        String vendorId = caller.vendorId();
        if (vendorId == null) {
            throw new ForbiddenException("The token carries no vendor_id: use your vendor system's own client");
        }
        if (body == null || body.length == 0) {
            throw new BadRequestException("A JSON body with facilities is required");
        }
        VendorPush push = json.readValue(body, VendorPush.class);
        if (push == null) {
            throw new BadRequestException("A JSON object with facilities is required");
        }
        // each attempt is its own transaction: a lost race rolls back everything, the key claim included
        var outcome = LostRace.retry(() -> pushes.push(vendorId, key, body, push, caller.actor()));
        return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON).entity(outcome.body()).build();
    }
}
