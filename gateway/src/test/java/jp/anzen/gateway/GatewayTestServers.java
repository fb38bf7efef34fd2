package jp.anzen.gateway;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import jp.anzen.servers.test.AnzenTestServers;

/** A real Keycloak, and an echo server standing in for every upstream service. */
@WithTestResource(value = AnzenTestServers.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "kafka", value = "false"))
@WithTestResource(value = EchoUpstream.class, scope = TestResourceScope.GLOBAL)
public final class GatewayTestServers {

    private GatewayTestServers() {
    }
}
