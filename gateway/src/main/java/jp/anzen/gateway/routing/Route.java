package jp.anzen.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** A public path prefix and the service that owns it (docs/architecture.md, API conventions). */
public record Route(String prefix, String service) {

    public static final List<Route> ALL = List.of(
            new Route("/api/catalogue", "requirements-service"),
            new Route("/api/facilities", "assessment-service"),
            new Route("/api/vendor", "assessment-service"),
            new Route("/api/reports", "reporting-service"));

    /** Each service's instances, in the order configured. */
    public static Map<String, List<URI>> instances(GatewayConfig config) {
        var up = config.upstream();
        return Map.of("requirements-service", up.requirements(), "assessment-service", up.assessment(),
                "reporting-service", up.reporting());
    }
}
