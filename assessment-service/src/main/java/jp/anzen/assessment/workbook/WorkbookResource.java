package jp.anzen.assessment.workbook;

import java.io.InputStream;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.access.FacilityAccess;
import jp.anzen.assessment.answers.Assessment;
import jp.anzen.assessment.answers.AssessmentAccess;
import jp.anzen.assessment.answers.AssessmentView;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.LostRace;
import jp.anzen.assessment.facility.Facility;
import jp.anzen.assessment.validation.FieldError;
import jp.anzen.assessment.validation.InvalidRequestException;

/** A form as an Excel workbook: downloaded to fill in Excel or LibreOffice, uploaded back as one answer batch. */
@Path("/api/facilities/{code}/assessments/{id}/workbook")
@Authenticated
@Tag(name = "Assessments")
@SecurityRequirement(name = "SecurityScheme")
public class WorkbookResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** A form of a few hundred items is well under a megabyte; the limit keeps a zip bomb's outer size small too. */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    /** The upload's outcome, with the assessment as it stands after it. */
    public record UploadResult(String sha256, int answersRecorded, boolean uploadedBefore, AssessmentView assessment) {
    }

    private final FacilityAccess access;
    private final AssessmentAccess assessments;
    private final CatalogueReplica catalogue;
    private final WorkbookLayouts layouts;
    private final WorkbookUploads uploads;
    private final Caller caller;

    public WorkbookResource(FacilityAccess access, AssessmentAccess assessments, CatalogueReplica catalogue,
            WorkbookLayouts layouts, WorkbookUploads uploads, Caller caller) {
        this.access = access;
        this.assessments = assessments;
        this.catalogue = catalogue;
        this.layouts = layouts;
        this.uploads = uploads;
        this.caller = caller;
    }

    @GET
    @Produces(XLSX)
    @Operation(summary = "The form as an Excel workbook: one row per item that applies, both rounds, answer lists and"
            + " date cells, the current answers filled in")
    public Response download(@PathParam("code") String code, @PathParam("id") String id) {
        Facility facility = access.readable(code);
        Assessment assessment = assessments.readable(facility, id);
        var form = catalogue.version(assessment.frameworkId(), assessment.version()).orElseThrow();
        StreamingOutput body = out -> FormWorkbook.write(layouts.download(), facility, assessment, form, out);
        String name = "anzen-form-" + code + "-" + assessment.frameworkId() + "-" + assessment.version() + "-FY"
                + assessment.fiscalYear() + ".xlsx";
        return Response.ok(body, XLSX).header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"").tag(String.valueOf(assessment.streamVersion())).build();
    }

    @PUT
    @Consumes(MediaType.WILDCARD) // the type is checked after the caller's right to the assessment
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a filled workbook: every cell mapped to its item and round and validated like a batch"
            + " (a problem names sheet and cell per error; nothing is stored then); the same file twice records once")
    public Response upload(@PathParam("code") String code, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Facility[] facility = new Facility[1];
        facility[0] = access.readable(code);
        assessments.answerable(facility[0], id);
        if (contentType == null || !contentType.startsWith(XLSX)) {
            throw new WebApplicationException("Send the workbook as " + XLSX, Response.Status.UNSUPPORTED_MEDIA_TYPE);
        }
        byte[] content = read(body);
        WorkbookUploads.Uploaded uploaded = LostRace.retry(() -> {
            facility[0] = access.readable(code);
            return uploads.upload(facility[0], assessments.answerable(facility[0], id), content, caller.actor());
        });
        return Response.ok(new UploadResult(uploaded.sha256(), uploaded.answersRecorded(), uploaded.uploadedBefore(),
                AssessmentView.of(facility[0], uploaded.assessment(), catalogue)))
                .tag(String.valueOf(uploaded.assessment().streamVersion())).build();
    }

    private static byte[] read(InputStream body) {
        try (body) {
            byte[] content = body.readNBytes(MAX_BYTES + 1);
            if (content.length == 0) {
                throw new InvalidRequestException("The upload is empty", List.of(new FieldError("/", "send the filled workbook")));
            }
            if (content.length > MAX_BYTES) {
                throw new WebApplicationException("A workbook may have at most " + MAX_BYTES + " bytes",
                        Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
            return content;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
