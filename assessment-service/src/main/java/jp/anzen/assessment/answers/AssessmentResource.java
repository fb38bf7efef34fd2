package jp.anzen.assessment.answers;

import java.net.URI;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.access.FacilityAccess;
import jp.anzen.assessment.facility.Facilities;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.facility.FacilityNotFoundException;

@Path("/api/facilities/{code}/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Assessments")
@SecurityRequirement(name = "SecurityScheme")
public class AssessmentResource {

    private final Facilities facilities;
    private final Assessments assessments;
    private final FacilityAccess access;
    private final Caller caller;

    public AssessmentResource(Facilities facilities, Assessments assessments, FacilityAccess access, Caller caller) {
        this.facilities = facilities;
        this.assessments = assessments;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Open the facility's assessment of a published form for a fiscal year")
    public Response open(@PathParam("code") String code, OpenAssessment request) {
        Facility facility = answerable(code);
        if (request == null) {
            throw new BadRequestException("A JSON body with frameworkId, version and fiscalYear is required");
        }
        request.validate();
        Assessment assessment = assessments.open(facility, request, caller.actor());
        return Response.created(URI.create("/api/facilities/" + code + "/assessments/" + assessment.id()))
                .tag(String.valueOf(assessment.streamVersion())).entity(assessment).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An assessment with its current answers")
    public Response get(@PathParam("code") String code, @PathParam("id") String id) {
        Facility facility = visible(code);
        Assessment assessment = assessments.find(facility.code(), id)
                .orElseThrow(() -> new NotFoundException("No assessment " + id + " for facility " + code));
        return Response.ok(assessment).tag(String.valueOf(assessment.streamVersion())).build();
    }

    @PUT
    @Path("/{id}/answers")
    @Operation(summary = "Record a batch of answers (all or none); If-Match guards against concurrent edits")
    public Response answer(@PathParam("code") String code, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AnswerBatch batch) {
        Facility facility = answerable(code);
        Assessment assessment = assessments.find(facility.code(), id)
                .orElseThrow(() -> new NotFoundException("No assessment " + id + " for facility " + code));
        if (batch == null) {
            throw new BadRequestException("A JSON body with answers is required");
        }
        Assessment updated = assessments.record(facility, assessment, batch, ETags.parse(ifMatch), caller.actor());
        return Response.ok(updated).tag(String.valueOf(updated.streamVersion())).build();
    }

    private Facility visible(String code) {
        return facilities.find(code).filter(access::canRead).orElseThrow(() -> new FacilityNotFoundException(code));
    }

    private Facility answerable(String code) {
        Facility facility = visible(code);
        if (!access.canAnswer(facility)) {
            throw new ForbiddenException("Only the facility's own managers and staff answer its forms");
        }
        return facility;
    }
}
