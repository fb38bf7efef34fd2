package jp.anzen.requirements.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import jp.anzen.requirements.importing.BundleSchema;

/** The published schemas of the import formats, for editors and their tools to check a bundle before they send it. */
@Path("/api/catalogue/schemas")
@Authenticated
@Tag(name = "Imports")
@SecurityRequirement(name = "SecurityScheme")
public class SchemaResource {

    @GET
    @Path("/anzen-catalogue-bundle-1")
    @Produces("application/schema+json")
    @Operation(summary = "The JSON Schema (2020-12) of the catalogue bundle format anzen-catalogue-bundle/1")
    public JsonNode catalogueBundle() {
        return BundleSchema.document();
    }
}
