package jp.anzen.reporting.readiness;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.reporting.access.Reader;
import jp.anzen.reporting.deadletter.Staleness;
import jp.anzen.reporting.problem.NotVisibleException;

@Path("/api/reports/facilities/{code}/readiness")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class ReadinessResource {

    private final ReadinessQueries queries;
    private final Reader reader;
    private final Staleness staleness;

    public ReadinessResource(ReadinessQueries queries, Reader reader, Staleness staleness) {
        this.queries = queries;
        this.reader = reader;
        this.staleness = staleness;
    }

    @GET
    @Operation(summary = "Per form: items expected, answers by value per confirmation round, unanswered, overdue")
    public Readiness readiness(@PathParam("code") String code, @QueryParam("fiscalYear") String fiscalYearParameter,
            @QueryParam("asOf") String asOfParameter) {
        Integer fiscalYear = FiscalYearParameter.orNull(fiscalYearParameter);
        Instant asOf = AsOf.parse(asOfParameter);
        var facility = queries.facility(code, asOf).filter(f -> reader.mayRead(f.scope()))
                .orElseThrow(() -> new NotVisibleException("No facility " + code + " is visible to you as of " + asOf));
        return new Readiness(code, facility.name(), facility.kind(), fiscalYear, asOf, List.copyOf(facility.scope().vendors()),
                queries.forms(code, facility.kind(), fiscalYear, asOf).stream()
                        .filter(form -> reader.mayReadForm(facility.scope(), form.vendorId())).toList(),
                staleness.of(code).orElse(null));
    }
}
