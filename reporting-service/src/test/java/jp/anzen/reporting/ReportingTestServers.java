package jp.anzen.reporting;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import jp.anzen.servers.test.AnzenTestServers;

/** Real PostgreSQL, Kafka and Keycloak for every test of this service, started once. */
@WithTestResource(value = AnzenTestServers.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "reporting"))
public final class ReportingTestServers {

    private ReportingTestServers() {
    }
}
