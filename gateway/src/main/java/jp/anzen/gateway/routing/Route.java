package jp.anzen.gateway.routing;

import java.net.URI;
import java.util.List;

/** A public path prefix and the service that owns it (ARCHITECTURE.md, API conventions). */
public record Route(String prefix, String service, URI upstream) {

    public static List<Route> all(GatewayConfig config) {
        var up = config.upstream();
        return List.of(
                new Route("/api/catalogue", "requirements-service", up.requirements()),
                new Route("/api/facilities", "assessment-service", up.assessment()),
                new Route("/api/vendor", "assessment-service", up.assessment()),
                new Route("/api/reports", "reporting-service", up.reporting()));
    }
}
