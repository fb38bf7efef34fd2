package jp.anzen.reporting.export;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.reporting.problem.ConflictException;
import jp.anzen.reporting.problem.NotVisibleException;

/** Following a long export and downloading it; only the caller who started it sees it. */
@Path("/api/reports/exports/{exportId}")
@Authenticated
@Tag(name = "Reports")
@SecurityRequirement(name = "SecurityScheme")
public class ExportResource {

    private final ExportJobs jobs;
    private final JsonWebToken token;

    public ExportResource(ExportJobs jobs, JsonWebToken token) {
        this.jobs = jobs;
        this.token = token;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An export's progress: rows written of the total, and when done where to download it")
    public ExportJob progress(@PathParam("exportId") String id) {
        return job(id);
    }

    @GET
    @Path("/content")
    @Produces(Spreadsheet.MEDIA_TYPE)
    @Operation(summary = "The exported file (409 until the export is done)")
    public Response content(@PathParam("exportId") String id) {
        ExportJob job = job(id);
        if (job.state() != ExportJob.State.DONE) {
            throw new ConflictException("Export " + id + " is " + job.state() + " (" + job.percent()
                    + "%); download it when its state is DONE");
        }
        StreamingOutput body = out -> jobs.copyContent(job.id(), out);
        return Response.ok(body, Spreadsheet.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + job.filename() + "\"").build();
    }

    private ExportJob job(String id) {
        return jobs.find(id, token.getSubject())
                .orElseThrow(() -> new NotVisibleException("No export " + id + " of yours (exports are kept for an hour after they finish)"));
    }
}
