package jp.anzen.reporting.oscal;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.Authenticated;
import jp.anzen.reporting.access.Reader;
import jp.anzen.reporting.deadletter.Staleness;
import jp.anzen.reporting.problem.NotVisibleException;
import jp.anzen.reporting.readiness.AsOf;
import jp.anzen.reporting.readiness.ReadinessQueries;

@Path("/api/reports/facilities/{code}/assessments/{assessmentId}/oscal")
@Authenticated
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class OscalResource {

    private final ReadinessQueries facilities;
    private final AssessmentResultsQueries results;
    private final Reader reader;
    private final Staleness staleness;

    public OscalResource(ReadinessQueries facilities, AssessmentResultsQueries results, Reader reader, Staleness staleness) {
        this.facilities = facilities;
        this.results = results;
        this.reader = reader;
        this.staleness = staleness;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The assessment as OSCAL 1.1 assessment-results as of a date: a finding per item, observations"
            + " with evidence and its expiry")
    public ObjectNode assessmentResults(@PathParam("code") String code, @PathParam("assessmentId") String assessmentId,
            @QueryParam("asOf") String asOfParameter) {
        Instant asOf = AsOf.parse(asOfParameter);
        var facility = facilities.facility(code, asOf).filter(f -> reader.mayRead(f.scope()))
                .orElseThrow(() -> new NotVisibleException("No facility " + code + " is visible to you as of " + asOf));
        // the same answer whether the assessment is another facility's, another vendor's, or does not exist
        var form = facilities.formIdentities(code, null, asOf).stream()
                .filter(f -> f.assessmentId().equals(assessmentId) && reader.mayReadForm(facility.scope(), f.vendorId()))
                .findFirst()
                .orElseThrow(() -> new NotVisibleException("No assessment " + assessmentId + " of facility " + code
                        + " is visible to you as of " + asOf));
        return OscalAssessmentResults.write(code, facility.name(), form,
                results.items(assessmentId, form.frameworkId(), form.version(), facility.kind(), asOf), asOf,
                staleness.of(code).orElse(null));
    }
}
