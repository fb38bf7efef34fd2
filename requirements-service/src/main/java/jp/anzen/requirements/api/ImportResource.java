package jp.anzen.requirements.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import jp.anzen.requirements.importing.BundleReader;
import jp.anzen.requirements.importing.Imports;

@Path("/api/catalogue/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
@SecurityRequirement(name = "SecurityScheme")
public class ImportResource {

    static final String YAML = "application/yaml";
    static final String YAML_TEXT = "text/yaml";
    /** Imports are whole editions, not streams: a generous but firm limit. */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    private final Imports imports;

    public ImportResource(Imports imports) {
        this.imports = imports;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, YAML, YAML_TEXT })
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Import a framework version, a mapping set, a service profile (YAML or JSON) or an OSCAL"
            + " catalog as a draft; every error in the document is reported at once, and nothing is stored then")
    public Response importDocument(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return created(imports.importDraft(read(body, contentType)));
    }

    static JsonNode read(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw new jakarta.ws.rs.BadRequestException("The request body is empty: send the document to import");
        }
        if (body.length > MAX_BYTES) {
            throw new jakarta.ws.rs.WebApplicationException("An import document may have at most " + MAX_BYTES + " bytes",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        return BundleReader.tree(body, contentType != null && contentType.contains("yaml"));
    }

    static Response created(Imports.Imported imported) {
        return Response.created(java.net.URI.create(imported.location())).entity(imported).build();
    }
}
