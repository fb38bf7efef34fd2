package jp.anzen.reporting.access;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who reads a report, from the validated token: a facility sees itself, a network its members, an
 * inspector its prefecture, a vendor the forms it answers, operations and administrators everything.
 */
@RequestScoped
public class Reader {

    @Inject
    SecurityIdentity identity;
    @Inject
    JsonWebToken token;

    public boolean seesEverything() {
        return identity.hasRole("anzen-admin") || identity.hasRole("ops-reader");
    }

    public boolean mayRead(FacilityScope facility) {
        return readsWholeFacility(facility) || isVendor() && facility.vendors().contains(vendorId());
    }

    /** A network's summary: its own operators, operations and administrators. */
    public boolean mayReadNetwork(String networkId) {
        return seesEverything() || identity.hasRole("network-operator") && claimSet("network_ids").contains(networkId);
    }

    /** A prefecture's summary: its inspectors, operations and administrators. */
    public boolean mayReadPrefecture(String prefecture) {
        return seesEverything() || identity.hasRole("inspector") && prefecture.equals(token.getClaim("prefecture"));
    }

    /** A vendor reads only the forms it answers; everyone else who may read the facility reads all of them. */
    public boolean mayReadForm(FacilityScope facility, String formVendorId) {
        return readsWholeFacility(facility) || isVendor() && formVendorId != null && formVendorId.equals(vendorId());
    }

    /** The facility itself, its networks, its prefecture's inspectors, operations and administrators. */
    private boolean readsWholeFacility(FacilityScope facility) {
        return seesEverything()
                || (identity.hasRole("facility-manager") || identity.hasRole("facility-staff"))
                        && claimSet("facility_codes").contains(facility.code())
                || identity.hasRole("network-operator") && facility.networks().stream().anyMatch(claimSet("network_ids")::contains)
                || identity.hasRole("inspector") && facility.prefecture().equals(token.getClaim("prefecture"));
    }

    private boolean isVendor() {
        return identity.hasRole("vendor-system") && vendorId() != null;
    }

    private String vendorId() {
        return token.getClaim("vendor_id");
    }

    private Set<String> claimSet(String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> v instanceof JsonString text ? text.getString() : v.toString())
                    .collect(Collectors.toSet());
        }
        return value == null ? Set.of() : Set.of(value.toString());
    }

    /** What the authorisation of a facility's reports depends on. */
    public record FacilityScope(String code, String prefecture, Set<String> networks, Set<String> vendors) {
    }
}
