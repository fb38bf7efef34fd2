package jp.anzen.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Published catalogue versions with their wording, for the reports. Published versions never change. An event that
 * cannot be applied is dead-lettered and the consumer goes on ({@link Quarantine}).
 */
@ApplicationScoped
public class CatalogueProjection {

    private final AgroalDataSource dataSource;
    private final ProjectionTransactions transactions;
    private final Quarantine quarantine;
    private final DeadLetterTopic deadLetterTopic;

    public CatalogueProjection(AgroalDataSource dataSource, ProjectionTransactions transactions, Quarantine quarantine,
            DeadLetterTopic deadLetterTopic) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.quarantine = quarantine;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Incoming("catalogue-events")
    @Blocking(ordered = true)
    public void apply(ConsumerRecord<String, String> record) throws Exception {
        Quarantine.Applied applied = transactions.inTransaction(c -> {
            ProjectionLock.shared(c);
            return quarantine.applyCatalogueEvent(c, record);
        });
        if (applied.firstTime() > 0) {
            deadLetterTopic.publishPending();
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
