package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Published catalogue versions with their wording, for the reports. Published versions never change. */
@ApplicationScoped
public class CatalogueProjection {

    private final AgroalDataSource dataSource;
    private final Projector projector;

    public CatalogueProjection(AgroalDataSource dataSource, Projector projector) {
        this.dataSource = dataSource;
        this.projector = projector;
    }

    @Incoming("catalogue-events")
    @Blocking(ordered = true)
    @Transactional
    public void apply(ConsumerRecord<String, String> record) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            ProjectionLock.shared(c);
            projector.applyCatalogueEvent(c, record);
        }
    }

    /** For tests and health: whether the version has been projected. */
    public boolean has(String frameworkId, String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM catalogue_version WHERE framework_id = ? AND version = ?")) {
            s.setString(1, frameworkId);
            s.setString(2, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
