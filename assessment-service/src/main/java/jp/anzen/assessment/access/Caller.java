package jp.anzen.assessment.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jp.anzen.assessment.eventstore.Actor;

/**
 * The authenticated caller of this request and its tenancy, from the validated access token: roles from
 * the realm, and the claims the realm sets ({@code facility_codes}, {@code network_ids}, {@code vendor_id},
 * {@code prefecture}). A caller can never widen these: they come from Keycloak, not from the request.
 */
@RequestScoped
public class Caller {

    public static final String ADMIN = "anzen-admin";
    public static final String NETWORK_OPERATOR = "network-operator";
    public static final String FACILITY_MANAGER = "facility-manager";
    public static final String FACILITY_STAFF = "facility-staff";
    public static final String VENDOR = "vendor-system";
    public static final String INSPECTOR = "inspector";

    @Inject
    SecurityIdentity identity;
    @Inject
    JsonWebToken token;
    @Inject
    HttpServerRequest request;

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public Set<String> facilityCodes() {
        return claimSet("facility_codes");
    }

    public Set<String> networkIds() {
        return claimSet("network_ids");
    }

    public String vendorId() {
        return token.getClaim("vendor_id");
    }

    public String prefecture() {
        return token.getClaim("prefecture");
    }

    /** Facility managers and staff act for the facilities in their token only. */
    public boolean worksAt(String facilityCode) {
        return (is(FACILITY_MANAGER) || is(FACILITY_STAFF)) && facilityCodes().contains(facilityCode);
    }

    public Actor actor() {
        String sourceSystem = request.getHeader("X-Source-System");
        String requestId = request.getHeader("X-Request-Id");
        return new Actor(token.getSubject(), token.getClaim("preferred_username"), token.getClaim("azp"),
                List.copyOf(identity.getRoles()), sourceSystem == null ? null : truncate(sourceSystem),
                requestId == null ? null : truncate(requestId));
    }

    private Set<String> claimSet(String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> v instanceof jakarta.json.JsonString text ? text.getString() : v.toString())
                    .collect(java.util.stream.Collectors.toSet());
        }
        return value == null ? Set.of() : Set.of(value.toString());
    }

    private static String truncate(String header) {
        return header.length() > 200 ? header.substring(0, 200) : header;
    }
}
