package jp.anzen.requirements.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.requirements.importing.BundleError;
import jp.anzen.requirements.importing.Imports;
import jp.anzen.requirements.importing.InvalidBundleException;
import jp.anzen.requirements.profile.ServiceProfile;
import jp.anzen.requirements.profile.ServiceProfileBundle;
import jp.anzen.requirements.profile.ServiceProfileRepository;
import jp.anzen.requirements.profile.ServiceProfiles;

@Path("/api/catalogue/service-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Service profiles")
@SecurityRequirement(name = "SecurityScheme")
public class ServiceProfileResource {

    private final ServiceProfileRepository repository;
    private final ServiceProfiles profiles;
    private final Imports imports;

    public ServiceProfileResource(ServiceProfileRepository repository, ServiceProfiles profiles, Imports imports) {
        this.repository = repository;
        this.profiles = profiles;
        this.imports = imports;
    }

    @GET
    @Operation(summary = "All service profiles (provider coverage declarations), every version")
    public List<ServiceProfile> list() {
        return repository.list();
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One profile version with its per-requirement responsibility (provider / shared / facility)")
    public ServiceProfile get(@PathParam("id") String id, @PathParam("version") String version) {
        return repository.find(id, version).orElseThrow(() -> new NotFoundException("No service profile " + id + " version " + version));
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, ImportResource.YAML, ImportResource.YAML_TEXT })
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Import a service profile version (format anzen-service-profile/1) as a draft")
    public Response create(byte[] body, @jakarta.ws.rs.HeaderParam("Content-Type") String contentType) {
        var document = ImportResource.read(body, contentType);
        if (!ServiceProfileBundle.FORMAT.equals(document.path("format").asText())) {
            throw new InvalidBundleException("Not a service profile",
                    List.of(new BundleError("/format", "must be " + ServiceProfileBundle.FORMAT)));
        }
        return ImportResource.created(imports.importDraft(document));
    }

    @POST
    @Path("/{id}/versions/{version}/publish")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Publish a draft profile version; earlier versions become superseded")
    public ServiceProfile publish(@PathParam("id") String id, @PathParam("version") String version) {
        return profiles.publish(id, version);
    }
}
