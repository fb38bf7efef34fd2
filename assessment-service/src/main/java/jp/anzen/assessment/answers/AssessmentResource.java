package jp.anzen.assessment.answers;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.LostRace;
import jp.anzen.assessment.facility.Facility;

@Path("/api/facilities/{code}/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Assessments")
@SecurityRequirement(name = "SecurityScheme")
public class AssessmentResource {

    /** Body of a reopen: why the signed-off round must change. */
    public record Reopen(String reason) {
    }

    private final Assessments assessments;
    private final FacilityAccess access;
    private final Caller caller;
    private final CatalogueReplica catalogue;
    private final AssessmentAccess assessmentAccess;

    public AssessmentResource(Assessments assessments, FacilityAccess access, Caller caller, CatalogueReplica catalogue,
            AssessmentAccess assessmentAccess) {
        this.assessments = assessments;
        this.access = access;
        this.caller = caller;
        this.catalogue = catalogue;
        this.assessmentAccess = assessmentAccess;
    }

    @POST
    @Operation(summary = "Open the facility's assessment of a published form for a fiscal year; last year's answers to"
            + " equivalent items are offered as carried forward")
    public Response open(@PathParam("code") String code, OpenAssessment request) {
        Facility facility = access.readable(code);
        if (!access.canAnswer(facility, null)) {
            throw new ForbiddenException("Only the facility's own managers and staff open its forms");
        }
        if (request == null) {
            throw new BadRequestException("A JSON body with frameworkId, version and fiscalYear is required");
        }
        request.validate();
        Assessment assessment = assessments.open(facility, request, null, caller.actor());
        return Response.created(URI.create("/api/facilities/" + code + "/assessments/" + assessment.id()))
                .tag(String.valueOf(assessment.streamVersion())).entity(view(facility, assessment)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An assessment: current answers, signed-off rounds, answers awaiting confirmation, inherited coverage")
    public Response get(@PathParam("code") String code, @PathParam("id") String id) {
        Facility facility = access.readable(code);
        Assessment assessment = assessmentAccess.readable(facility, id);
        return Response.ok(view(facility, assessment)).tag(String.valueOf(assessment.streamVersion())).build();
    }

    @PUT
    @Path("/{id}/answers")
    @Operation(summary = "Record a batch of answers (all or none); If-Match guards against concurrent edits")
    public Response answer(@PathParam("code") String code, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AnswerBatch batch) {
        if (batch == null) {
            throw new BadRequestException("A JSON body with answers is required");
        }
        Integer expected = ETags.parse(ifMatch);
        Facility[] facility = new Facility[1];
        Supplier<Assessment> record = () -> {
            facility[0] = access.readable(code);
            return assessments.record(facility[0], assessmentAccess.answerable(facility[0], id), batch, expected, caller.actor());
        };
        Assessment updated = expected == null ? LostRace.retry(record) : record.get();
        return Response.ok(view(facility[0], updated)).tag(String.valueOf(updated.streamVersion())).build();
    }

    @POST
    @Path("/{id}/rounds/{round}/sign-off")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Sign a confirmation round off: the facility manager (a vendor for its own form); freezes the round")
    public Response signOff(@PathParam("code") String code, @PathParam("id") String id, @PathParam("round") int round,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Facility facility = access.readable(code);
        Assessment assessment = assessmentAccess.signable(facility, id);
        Assessment updated = assessments.changeRound(assessment, round, true, null, ETags.parse(ifMatch), caller.actor());
        return Response.ok(view(facility, updated)).tag(String.valueOf(updated.streamVersion())).build();
    }

    @POST
    @Path("/{id}/rounds/{round}/reopen")
    @Operation(summary = "Reopen a signed-off round, saying why")
    public Response reopen(@PathParam("code") String code, @PathParam("id") String id, @PathParam("round") int round,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Reopen body) {
        Facility facility = access.readable(code);
        Assessment assessment = assessmentAccess.signable(facility, id);
        Assessment updated = assessments.changeRound(assessment, round, false, body == null ? null : body.reason(),
                ETags.parse(ifMatch), caller.actor());
        return Response.ok(view(facility, updated)).tag(String.valueOf(updated.streamVersion())).build();
    }

    private AssessmentView view(Facility facility, Assessment assessment) {
        return AssessmentView.of(facility, assessment, catalogue);
    }
}
