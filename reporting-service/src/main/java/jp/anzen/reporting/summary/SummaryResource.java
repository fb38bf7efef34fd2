package jp.anzen.reporting.summary;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.reporting.access.Reader;
import jp.anzen.reporting.export.Csv;
import jp.anzen.reporting.export.ExportFormat;
import jp.anzen.reporting.export.ExportJob;
import jp.anzen.reporting.export.ExportJobs;
import jp.anzen.reporting.export.Spreadsheet;
import jp.anzen.reporting.problem.NotVisibleException;
import jp.anzen.reporting.readiness.AsOf;
import jp.anzen.reporting.readiness.FiscalYearParameter;

/**
 * Network and prefecture summaries: JSON, CSV of the facility lines (UTF-8 with a byte-order mark, so that Excel reads
 * Japanese), or an Excel workbook with the facilities, the items and the overdue list as sheets, streamed as written.
 */
@Path("/api/reports")
@Authenticated
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class SummaryResource {

    /** A network id as the assessment service accepts them. */
    private static final java.util.regex.Pattern NETWORK_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final String OVERDUE_LIMIT = "How many overdue answers the JSON lists, the oldest first (default "
            + OverdueLimit.DEFAULT + ", at most " + OverdueLimit.MAX + "); overdueTotal counts them all, and the Excel"
            + " workbook lists them all";

    private final SummaryQueries queries;
    private final Reader reader;
    private final ExportJobs exports;
    private final JsonWebToken token;

    public SummaryResource(SummaryQueries queries, Reader reader, ExportJobs exports, JsonWebToken token) {
        this.queries = queries;
        this.reader = reader;
        this.exports = exports;
        this.token = token;
    }

    @GET
    @Path("/networks/{networkId}/summary")
    @Produces({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Spreadsheet.MEDIA_TYPE })
    @Operation(summary = "A network's members: per facility completion and counts, per item the share of 'no', the overdue list")
    public Response network(@PathParam("networkId") String networkId, @QueryParam("fiscalYear") String fiscalYear,
            @QueryParam("asOf") String asOf, @QueryParam("format") String format,
            @Parameter(description = OVERDUE_LIMIT) @QueryParam("overdueLimit") String overdueLimit) {
        if (!NETWORK_ID.matcher(networkId).matches() || !reader.mayReadNetwork(networkId)) {
            throw new NotVisibleException("No network " + networkId + " is visible to you");
        }
        return respond(SummaryQueries.Scope.NETWORK, networkId, fiscalYear, asOf, format, overdueLimit);
    }

    @GET
    @Path("/prefectures/{code}/summary")
    @Produces({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Spreadsheet.MEDIA_TYPE })
    @Operation(summary = "For inspectors: the prefecture's facilities, with those that have no first confirmation yet")
    public Response prefecture(@PathParam("code") String code, @QueryParam("fiscalYear") String fiscalYear,
            @QueryParam("asOf") String asOf, @QueryParam("format") String format,
            @Parameter(description = OVERDUE_LIMIT) @QueryParam("overdueLimit") String overdueLimit) {
        if (!code.matches("0[1-9]|[1-3][0-9]|4[0-7]") || !reader.mayReadPrefecture(code)) {
            throw new NotVisibleException("No prefecture " + code + " is visible to you");
        }
        return respond(SummaryQueries.Scope.PREFECTURE, code, fiscalYear, asOf, format, overdueLimit);
    }

    @POST
    @Path("/networks/{networkId}/summary/exports")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a long Excel export of a network's summary; follow it at the Location (202)")
    public Response exportNetwork(@PathParam("networkId") String networkId, @QueryParam("fiscalYear") String fiscalYear,
            @QueryParam("asOf") String asOf) {
        if (!NETWORK_ID.matcher(networkId).matches() || !reader.mayReadNetwork(networkId)) {
            throw new NotVisibleException("No network " + networkId + " is visible to you");
        }
        return startExport(SummaryQueries.Scope.NETWORK, networkId, fiscalYear, asOf);
    }

    @POST
    @Path("/prefectures/{code}/summary/exports")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a long Excel export of a prefecture's summary; follow it at the Location (202)")
    public Response exportPrefecture(@PathParam("code") String code, @QueryParam("fiscalYear") String fiscalYear,
            @QueryParam("asOf") String asOf) {
        if (!code.matches("0[1-9]|[1-3][0-9]|4[0-7]") || !reader.mayReadPrefecture(code)) {
            throw new NotVisibleException("No prefecture " + code + " is visible to you");
        }
        return startExport(SummaryQueries.Scope.PREFECTURE, code, fiscalYear, asOf);
    }

    /** Parameters are checked now, so that a bad one is a 400 and not a failed job. */
    private Response startExport(SummaryQueries.Scope scope, String value, String fiscalYearParameter, String asOfParameter) {
        Instant asOf = AsOf.parse(asOfParameter);
        int fiscalYear = FiscalYearParameter.orCurrent(fiscalYearParameter, asOf);
        ExportJob job = exports.start(token.getSubject(), basename(scope, value, fiscalYear) + ".xlsx",
                () -> sheets(queries.summary(scope, value, fiscalYear, asOf, Integer.MAX_VALUE)));
        return Response.accepted(job).location(URI.create("/api/reports/exports/" + job.id())).build();
    }

    private static List<Spreadsheet.Table> sheets(Summary summary) {
        return List.of(Spreadsheet.Table.of("facilities", Summary.FacilityLine.class, summary.perFacility()),
                Spreadsheet.Table.of("items", Summary.ItemLine.class, summary.perItem()),
                Spreadsheet.Table.of("overdue", Summary.Overdue.class, summary.overdue()));
    }

    private static String basename(SummaryQueries.Scope scope, String value, int fiscalYear) {
        return "anzen-" + scope.name().toLowerCase(Locale.ROOT) + "-" + value + "-FY" + fiscalYear;
    }

    private Response respond(SummaryQueries.Scope scope, String value, String fiscalYearParameter, String asOfParameter,
            String formatParameter, String overdueLimitParameter) {
        ExportFormat format = ExportFormat.parse(formatParameter, ExportFormat.JSON, ExportFormat.CSV, ExportFormat.XLSX);
        Instant asOf = AsOf.parse(asOfParameter);
        int fiscalYear = FiscalYearParameter.orCurrent(fiscalYearParameter, asOf);
        int overdueLimit = OverdueLimit.parse(overdueLimitParameter);
        Summary summary = queries.summary(scope, value, fiscalYear, asOf, format == ExportFormat.JSON ? overdueLimit : Integer.MAX_VALUE);
        String basename = basename(scope, value, fiscalYear);
        Object body = switch (format) {
            case JSON -> summary;
            case CSV -> Csv.of(Summary.FacilityLine.class, summary.perFacility());
            default -> (StreamingOutput) out -> Spreadsheet.write(sheets(summary), out);
        };
        Response.ResponseBuilder response = Response.ok(body, format.mediaType());
        return format == ExportFormat.JSON ? response.build()
                : response.header("Content-Disposition", format.attachment(basename)).build();
    }
}
