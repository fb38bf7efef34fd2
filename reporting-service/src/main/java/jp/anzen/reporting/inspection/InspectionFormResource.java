package jp.anzen.reporting.inspection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import io.quarkus.security.Authenticated;
import jp.anzen.reporting.access.Reader;
import jp.anzen.reporting.deadletter.Staleness;
import jp.anzen.reporting.readiness.Provisional;
import jp.anzen.reporting.export.Csv;
import jp.anzen.reporting.export.ExportFormat;
import jp.anzen.reporting.export.Spreadsheet;
import jp.anzen.reporting.problem.NotVisibleException;
import jp.anzen.reporting.readiness.AsOf;
import jp.anzen.reporting.readiness.FiscalYearParameter;
import jp.anzen.reporting.readiness.ReadinessQueries;

@Path("/api/reports/facilities/{code}/inspection-form")
@Authenticated
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class InspectionFormResource {

    private static final List<String> COLUMNS = List.of("form", "vendorId", "number", "textJa", "target",
            "firstValue", "firstConfirmedOn", "firstTargetDate", "secondValue", "secondConfirmedOn", "secondTargetDate",
            "changedSince");

    private final ReadinessQueries facilities;
    private final InspectionQueries inspection;
    private final Reader reader;
    private final Staleness staleness;

    public InspectionFormResource(ReadinessQueries facilities, InspectionQueries inspection, Reader reader,
            Staleness staleness) {
        this.facilities = facilities;
        this.inspection = inspection;
        this.reader = reader;
        this.staleness = staleness;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Spreadsheet.MEDIA_TYPE, "application/pdf" })
    @Operation(summary = "The institution form and every vendor form as the inspector reads them, as of a date"
            + " (format json, csv, xlsx with a sheet per form, or pdf with Japanese embedded)")
    public Response form(@PathParam("code") String code, @QueryParam("fiscalYear") String fiscalYearParameter,
            @QueryParam("asOf") String asOfParameter, @QueryParam("format") String formatParameter) {
        ExportFormat format = ExportFormat.parse(formatParameter, ExportFormat.values());
        Instant asOf = AsOf.parse(asOfParameter);
        int fiscalYear = FiscalYearParameter.orCurrent(fiscalYearParameter, asOf);
        var facility = facilities.facility(code, asOf).filter(f -> reader.mayRead(f.scope()))
                .orElseThrow(() -> new NotVisibleException("No facility " + code + " is visible to you as of " + asOf));
        List<InspectionForm.Form> forms = new ArrayList<>();
        for (var form : facilities.formIdentities(code, fiscalYear, asOf)) {
            if (reader.mayReadForm(facility.scope(), form.vendorId())) {
                forms.add(new InspectionForm.Form(form.assessmentId(), form.frameworkId(), form.version(), form.titleJa(),
                        form.vendorId(), inspection.items(form.assessmentId(), form.frameworkId(), form.version(),
                                facility.kind(), asOf), form.provisional()));
            }
        }
        InspectionForm result = new InspectionForm(code, facility.name(), facility.kind(), facility.scope().prefecture(),
                fiscalYear, asOf, forms, staleness.of(code).orElse(null));
        Object body = switch (format) {
            case JSON -> result;
            case CSV -> Csv.of(COLUMNS, rows(result.forms()));
            case XLSX -> (StreamingOutput) out -> Spreadsheet.write(sheets(result), out);
            case PDF -> (StreamingOutput) out -> InspectionFormPdf.write(result, out);
        };
        Response.ResponseBuilder response = Response.ok(body, format.mediaType());
        return format == ExportFormat.JSON ? response.build()
                : response.header("Content-Disposition", format.attachment("anzen-inspection-" + code + "-FY" + fiscalYear))
                        .build();
    }

    /** A sheet per form (Excel allows 31 characters in a sheet name, and no two alike). */
    private static List<Spreadsheet.Table> sheets(InspectionForm form) {
        List<Spreadsheet.Table> sheets = new ArrayList<>();
        for (var f : form.forms()) {
            String name = (sheets.size() + 1) + " " + (f.vendorId() == null ? f.frameworkId() : f.vendorId());
            List<List<?>> rows = new ArrayList<>();
            for (var row : rows(List.of(f))) {
                rows.add(new ArrayList<>(row.values()));
            }
            sheets.add(new Spreadsheet.Table(name.length() > 31 ? name.substring(0, 31) : name, COLUMNS, rows));
        }
        List<List<?>> provisional = form.forms().stream().filter(f -> f.provisional() != null)
                .<List<?>>map(f -> List.of(f.frameworkId() + " " + f.version(), f.provisional().label(), f.provisional().reason()))
                .toList();
        if (!provisional.isEmpty()) {
            sheets.add(0, new Spreadsheet.Table("注意 暫定版 provisional", List.of("form", "status", "reason"), provisional));
        }
        if (form.stale() != null) {
            // first, so that the workbook opens on it
            sheets.add(0, new Spreadsheet.Table("注意 stale", List.of("stale", "since", "deadLetters"),
                    List.of(List.of(form.stale().line(), form.stale().since().toString(), form.stale().deadLetters()))));
        }
        return sheets;
    }

    /** One row per item of every form, in the columns of {@link #COLUMNS}. */
    private static List<Map<String, String>> rows(List<InspectionForm.Form> forms) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (var f : forms) {
            for (var item : f.items()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("form", f.frameworkId() + " " + f.version() + (f.provisional() == null ? "" : " " + Provisional.LABEL));
                row.put("vendorId", f.vendorId());
                row.put("number", item.number());
                row.put("textJa", item.textJa());
                row.put("target", item.target());
                put(row, "first", item.first());
                put(row, "second", item.second());
                row.put("changedSince", item.changedSince() == null || item.changedSince().isEmpty() ? null
                        : String.join("; ", item.changedSince().stream().map(InspectionForm.Change::line).toList()));
                rows.add(row);
            }
        }
        return rows;
    }

    private static void put(Map<String, String> row, String round, InspectionForm.Confirmation c) {
        row.put(round + "Value", c == null ? null : c.value());
        row.put(round + "ConfirmedOn", c == null || c.confirmedOn() == null ? null : c.confirmedOn().toString());
        row.put(round + "TargetDate", c == null || c.targetDate() == null ? null : c.targetDate().toString());
    }
}
