package jp.anzen.reporting.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import jp.anzen.reporting.projection.ProjectionLock;
import jp.anzen.reporting.projection.DeadLetterTopic;
import jp.anzen.reporting.projection.Projector;
import jp.anzen.reporting.projection.Quarantine;
import jp.anzen.reporting.projection.TableStatistics;

/**
 * Rebuilds the projections from the beginning of both topics into fresh tables (the same migrations, in
 * schema {@value #SCHEMA}), then switches: holding the projection lock exclusively, it applies what arrived
 * meanwhile and moves the fresh tables into place in one transaction. Reports read the old tables until the
 * switch, and the live consumers carry on afterwards where the rebuilt tables stand (each stream's applied
 * version moves with them).
 */
@ApplicationScoped
public class ProjectionRebuilder {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuilder.class);
    static final String SCHEMA = "projection_rebuild";
    /** Tables the migrations create that are not projections: a rebuild leaves the live ones where they are. */
    static final Set<String> SERVICE_STATE = Set.of("flyway_schema_history", "export_job", "rebuild_run", "dead_letter");
    private static final String RETIRED = "projection_retired";
    private static final String CATALOGUE = "catalogue-events";
    private static final String ASSESSMENT = "assessment-events";

    private final AgroalDataSource dataSource;
    private final Projector projector;
    private final Quarantine quarantine;
    private final DeadLetterTopic deadLetterTopic;
    private final String bootstrapServers;
    private final RebuildRuns runs;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "projection-rebuild"));

    public ProjectionRebuilder(AgroalDataSource dataSource, Projector projector, Quarantine quarantine,
            DeadLetterTopic deadLetterTopic, RebuildRuns runs,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.projector = projector;
        this.quarantine = quarantine;
        this.deadLetterTopic = deadLetterTopic;
        this.runs = runs;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a rebuild, or returns empty while one is running in any instance (one at a time). */
    public Optional<Rebuild> start(String requestedBy) {
        Optional<RebuildRuns.Claim> claim = runs.claim(requestedBy);
        claim.ifPresent(c -> worker.submit(() -> run(c)));
        return claim.map(RebuildRuns.Claim::started);
    }

    public Optional<Rebuild> find(String id) {
        return runs.find(id);
    }

    /** The claim outlives the attempt, so that a failure is recorded before the next rebuild may start. */
    private void run(RebuildRuns.Claim claim) {
        try (claim) {
            rebuild(claim);
        }
    }

    private void rebuild(RebuildRuns.Claim claim) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            freshTables();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(CATALOGUE, ASSESSMENT)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] counts = new long[2];
            TableStatistics statistics = new TableStatistics(SCHEMA, Duration.ofMillis(250));
            DeadInRebuild dead = new DeadInRebuild(claim.started().id());
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                try {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.execute("SET search_path TO " + SCHEMA);
                    }
                    // the catalogue first: answers projected before their catalogue version cost a refresh of every
                    // form of that version when it arrives
                    List<TopicPartition> assessments = partitions.stream().filter(p -> p.topic().equals(ASSESSMENT)).toList();
                    consumer.pause(assessments);
                    readTo(consumer, consumer.endOffsets(partitions.stream().filter(p -> p.topic().equals(CATALOGUE)).toList()),
                            c, counts, true, statistics, claim, dead);
                    consumer.resume(assessments);
                    // the bulk, in a transaction per poll, while the live projection carries on
                    readTo(consumer, consumer.endOffsets(partitions), c, counts, true, statistics, claim, dead);
                    // the switch: nothing else projects while the rest is applied and the tables change places
                    ProjectionLock.exclusive(c);
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                    readTo(consumer, end, c, counts, false, statistics, claim, dead);
                    dead.replayAgain(c, projector);
                    dead.resolveApplied(c, end);
                    swap(c);
                    c.commit();
                    dead.publishNew(deadLetterTopic);
                } catch (Exception e) {
                    c.rollback();
                    throw e;
                } finally {
                    try (Statement s = c.createStatement()) {
                        s.execute("RESET search_path");
                    }
                    c.setAutoCommit(autoCommit);
                }
            }
            claim.switched();
            LOG.infof("Projection rebuilt and switched: %s", claim.started().id());
        } catch (Exception e) {
            LOG.error("Projection rebuild failed; the live projection is unchanged", e);
            claim.failed(e.getMessage());
            dropQuietly();
        }
    }

    /** Polls until every partition has reached its end offset, applying each poll (in its own commit, if asked). */
    private void readTo(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, Connection c, long[] counts,
            boolean commitEachPoll, TableStatistics statistics, RebuildRuns.Claim claim, DeadInRebuild dead) throws Exception {
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, String> record : records.records(CATALOGUE)) {
                counts[1] += dead.count(quarantine.applyCatalogueEvent(c, record));
            }
            List<ConsumerRecord<String, String>> assessments = new ArrayList<>();
            records.records(ASSESSMENT).forEach(assessments::add);
            counts[0] += dead.count(quarantine.applyAssessmentEvents(c, assessments));
            if (commitEachPoll) {
                c.commit();
                statistics.refreshIfGrown(c);
                c.commit();
                dead.publishNew(deadLetterTopic);
            }
            claim.progressed(counts[0], counts[1]);
        }
    }

    /** The same migrations as the live tables, into an empty schema. */
    private void freshTables() throws SQLException {
        dropQuietly();
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
    }

    /** Every projection table moves out of public, then every fresh one in (index names are per schema). */
    private void swap(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + SCHEMA + "'")) {
            while (r.next()) {
                if (!SERVICE_STATE.contains(r.getString(1))) {
                    tables.add(r.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + RETIRED);
            for (String table : tables) {
                s.execute("ALTER TABLE public." + table + " SET SCHEMA " + RETIRED);
            }
            for (String table : tables) {
                s.execute("ALTER TABLE " + SCHEMA + "." + table + " SET SCHEMA public");
            }
            s.execute("DROP SCHEMA " + RETIRED + " CASCADE");
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    private void dropQuietly() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            LOG.warn("Could not drop the rebuild schema", e);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // large polls: each is one commit of batched statements
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service-rebuild");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
