package jp.anzen.assessment.facility;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.anzen.assessment.access.Caller;
import jp.anzen.assessment.access.FacilityAccess;
import jp.anzen.assessment.catalogue.CatalogueReplica;
import jp.anzen.assessment.eventstore.NewEvent;
import jp.anzen.assessment.validation.Errors;

/** A facility's relationships: vendor contracts, the services it uses, its network memberships. */
@Path("/api/facilities/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Facilities")
@SecurityRequirement(name = "SecurityScheme")
public class RelationshipResource {

    static final String ID = "[a-z0-9][a-z0-9-]{1,62}";
    static final String VENDOR_FORM = "mhlw-checklist-vendor";

    /** Body of a vendor-contract grant; the form defaults to the MHLW vendor form. */
    public record ContractTerms(List<String> systems, String frameworkId) {
    }

    /** Body of PUT services: the whole list of published service profiles the facility uses. */
    public record DeclaredServices(List<Facility.ServiceUse> services) {
    }

    private final Facilities facilities;
    private final FacilityAccess access;
    private final Caller caller;
    private final CatalogueReplica catalogue;

    public RelationshipResource(Facilities facilities, FacilityAccess access, Caller caller, CatalogueReplica catalogue) {
        this.facilities = facilities;
        this.access = access;
        this.caller = caller;
        this.catalogue = catalogue;
    }

    @POST
    @Path("/vendor-contracts/{vendorId}")
    @Operation(summary = "Grant a vendor the right to answer its vendor form for this facility (the facility manager)")
    public Facility grantContract(@PathParam("code") String code, @PathParam("vendorId") String vendorId, ContractTerms terms) {
        Facility facility = managed(code);
        Errors errors = new Errors();
        if (!vendorId.matches(ID)) {
            errors.add("/vendorId", "lower-case letters, digits and dashes");
        }
        List<String> systems = terms == null || terms.systems() == null ? List.of() : terms.systems();
        if (systems.isEmpty()) {
            errors.add("/systems", "name at least one system the vendor supplies");
        }
        for (int i = 0; i < systems.size(); i++) {
            if (systems.get(i) == null || systems.get(i).isBlank() || systems.get(i).length() > 200) {
                errors.add("/systems/" + i, "a system name of 1 to 200 characters");
            }
        }
        String form = terms == null || terms.frameworkId() == null ? VENDOR_FORM : terms.frameworkId();
        if (!form.matches(ID)) {
            errors.add("/frameworkId", "a framework id such as " + VENDOR_FORM);
        }
        errors.throwIfAny("The contract");
        return facilities.append(code, facility.version(), List.of(new NewEvent(VendorContractGranted.TYPE,
                new VendorContractGranted(code, vendorId, List.copyOf(systems), form))), caller.actor());
    }

    @DELETE
    @Path("/vendor-contracts/{vendorId}")
    @Operation(summary = "Revoke a vendor's contract: from now on it can no longer write for this facility")
    public Response revokeContract(@PathParam("code") String code, @PathParam("vendorId") String vendorId,
            @QueryParam("reason") String reason) {
        Facility facility = managed(code);
        if (facility.contractWith(vendorId).isEmpty()) {
            throw new NotFoundException("Facility " + code + " has no active contract with " + vendorId);
        }
        facilities.append(code, facility.version(), List.of(new NewEvent(VendorContractRevoked.TYPE,
                new VendorContractRevoked(code, vendorId, reason == null ? null : reason.substring(0, Math.min(500, reason.length()))))),
                caller.actor());
        return Response.noContent().build();
    }

    @PUT
    @Path("/services")
    @Operation(summary = "Declare the published service profiles the facility uses (replaces the list)")
    public Facility declareServices(@PathParam("code") String code, DeclaredServices body) {
        Facility facility = managed(code);
        Errors errors = new Errors();
        if (body == null || body.services() == null) {
            // an empty body must not wipe the list: clearing it takes an explicit []
            errors.add("/services", "is required: the whole list of services the facility uses, [] for none");
            errors.throwIfAny("The services");
        }
        List<Facility.ServiceUse> services = body.services();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            var use = services.get(i);
            if (use == null || use.profileId() == null || use.version() == null) {
                errors.add("/services/" + i, "profileId and version are required");
            } else if (!catalogue.profilePublished(use.profileId(), use.version())) {
                errors.add("/services/" + i, "no published service profile " + use.profileId() + " version " + use.version());
            } else if (seen.contains(use.profileId())) {
                errors.add("/services/" + i, "profile " + use.profileId() + " is declared twice");
            } else {
                seen.add(use.profileId());
            }
        }
        errors.throwIfAny("The services");
        return facilities.append(code, facility.version(), List.of(new NewEvent(ServicesDeclared.TYPE,
                new ServicesDeclared(code, List.copyOf(services)))), caller.actor());
    }

    @POST
    @Path("/networks/{networkId}")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Make the facility a member of a regional network: its manager consents (or an administrator)")
    public Facility grantMembership(@PathParam("code") String code, @PathParam("networkId") String networkId) {
        Facility facility = access.readable(code);
        if (!access.canManage(facility) && !caller.is(Caller.ADMIN)) {
            throw new ForbiddenException("A facility joins a network with its manager's consent: the manager (or an"
                    + " administrator) grants the membership; a network registers new members with POST /api/facilities");
        }
        if (!networkId.matches(ID)) {
            new Errors().add("/networkId", "lower-case letters, digits and dashes").throwIfAny("The membership");
        }
        if (facility.networks().contains(networkId)) {
            return facility;
        }
        return facilities.append(code, facility.version(), List.of(new NewEvent(NetworkMembershipGranted.TYPE,
                new NetworkMembershipGranted(code, networkId))), caller.actor());
    }

    @DELETE
    @Path("/networks/{networkId}")
    @Operation(summary = "End a network's membership (that network's operator)")
    public Response revokeMembership(@PathParam("code") String code, @PathParam("networkId") String networkId) {
        Facility facility = access.readable(code);
        if (!access.canChangeMembership(networkId)) {
            throw new ForbiddenException("Only the operator of network " + networkId + " ends its memberships");
        }
        if (!facility.networks().contains(networkId)) {
            throw new NotFoundException("Facility " + code + " is not a member of " + networkId);
        }
        facilities.append(code, facility.version(), List.of(new NewEvent(NetworkMembershipRevoked.TYPE,
                new NetworkMembershipRevoked(code, networkId))), caller.actor());
        return Response.noContent().build();
    }

    private Facility managed(String code) {
        Facility facility = access.readable(code);
        if (!access.canManage(facility)) {
            throw new ForbiddenException("Only the facility's manager grants and revokes contracts and declares services");
        }
        return facility;
    }
}
