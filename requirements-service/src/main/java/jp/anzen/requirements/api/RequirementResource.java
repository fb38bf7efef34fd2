package jp.anzen.requirements.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.security.Authenticated;
import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.mapping.Mapping;
import jp.anzen.requirements.mapping.MappingRepository;

@Path("/api/catalogue/requirements")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Catalogue")
@SecurityRequirement(name = "SecurityScheme")
public class RequirementResource {

    /** A requirement with what maps to it ({@code incoming}) and what it maps to ({@code outgoing}). */
    public record RequirementView(@JsonUnwrapped Requirement requirement, List<Mapping> outgoing, List<Mapping> incoming) {
    }

    private final CatalogueRepository catalogue;
    private final MappingRepository mappings;

    public RequirementResource(CatalogueRepository catalogue, MappingRepository mappings) {
        this.catalogue = catalogue;
        this.mappings = mappings;
    }

    @GET
    @Path("/{requirementId}")
    @Operation(summary = "One requirement (e.g. mhlw-checklist-institution:2025:2-7) with its mappings both ways")
    public RequirementView requirement(@PathParam("requirementId") String requirementId) {
        Requirement requirement = catalogue.requirement(requirementId)
                .orElseThrow(() -> new NotFoundException("No requirement " + requirementId));
        List<Mapping> touching = mappings.touching(requirementId);
        return new RequirementView(requirement,
                touching.stream().filter(m -> requirementId.equals(m.fromRequirement())).toList(),
                touching.stream().filter(m -> requirementId.equals(m.toRequirement())).toList());
    }
}
