package jp.anzen.stack.load;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import jp.anzen.servers.postgres.PostgresServer;

/**
 * The same work without Anzen, on the same machine in the same run: the rows a vendor push writes, inserted by
 * PostgreSQL alone (batched INSERTs of a push's size, and COPY); the records the relay sends, through one Kafka
 * producer. Anzen's figures are divided by these, because ratios travel between machines better than rates.
 *
 * <p>Each baseline is taken {@value #ROUNDS} times and the best counts. Taken once, right after the burst, the
 * PostgreSQL baseline moved from 29,189 to 44,001 rows/s between two runs ten minutes apart (autovacuum and the
 * checkpoint after the burst's writes share the disk and the cores), and the ratio with it, from 0.26 to 0.44 for
 * the same code. The best of the rounds is the least disturbed figure of what the machine can do.
 */
final class Baselines {

    static final int ROUNDS = 3;
    private static final int PARTITIONS = 6;

    /** The best rate of the rounds, and every round's rate in the order taken. */
    record Best(double perSecond, double[] rounds) {

        static Best of(double[] rounds) {
            return new Best(Arrays.stream(rounds).max().orElseThrow(), rounds);
        }

        /** For the report: {@code 44,001 (29,189 / 44,001 / 40,112)}. */
        String described() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,.0f (", perSecond));
            for (int i = 0; i < rounds.length; i++) {
                text.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%,.0f", rounds[i]));
            }
            return text.append(')').toString();
        }
    }

    record Rates(Best insert, Best copy, Best kafka) {

        double insertRowsPerSecond() {
            return insert.perSecond();
        }

        double copyRowsPerSecond() {
            return copy.perSecond();
        }

        double kafkaRecordsPerSecond() {
            return kafka.perSecond();
        }
    }

    /** An answer-recorded event as the event store holds it: the same sizes as in the pushes. */
    private static final String PAYLOAD = """
            {"assessmentId":"%s","requirementId":"mhlw-checklist-vendor:2025:2-5-server","round":1,"value":"yes",\
            "confirmedOn":"2025-07-01","targetDate":null,"note":null,"evidence":[]}""";
    private static final String METADATA = """
            {"subject":"6f1c2b0e-2f61-4c8e-9a55-3c1c7b6f0a11","username":"service-account-load-system-0",\
            "client":"load-system-0","roles":["vendor-system"],"sourceSystem":null,"requestId":"bench"}""";
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS event (
                global_id bigserial PRIMARY KEY, transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL, stream_version int NOT NULL,
                facility_code text NOT NULL, type text NOT NULL, payload jsonb NOT NULL, metadata jsonb NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (stream_id, stream_version));
            CREATE INDEX IF NOT EXISTS event_relay_order ON event (transaction_id, global_id)""";

    private Baselines() {
    }

    static Rates measure(PostgresServer postgres, String kafka, int rows, int batch) throws Exception {
        String url = postgres.ensureDatabase("load_baseline");
        double[] insert = new double[ROUNDS];
        double[] copy = new double[ROUNDS];
        double[] records = new double[ROUNDS];
        String topic = scratchTopic(kafka);
        for (int round = 0; round < ROUNDS; round++) {
            insert[round] = inserts(url, rows, batch);
            copy[round] = copy(url, rows);
            records[round] = producer(kafka, topic, rows);
        }
        return new Rates(Best.of(insert), Best.of(copy), Best.of(records));
    }

    private static Connection connect(String url) throws Exception {
        Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                PostgresServer.USER, PostgresServer.PASSWORD);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS event");
            s.execute(TABLE);
        }
        return c;
    }

    /** Batched INSERTs, a transaction per batch: what the event store does for one push. */
    private static double inserts(String url, int rows, int batch) throws Exception {
        try (Connection c = connect(url)) {
            c.setAutoCommit(false);
            long began = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO event (event_id, stream_id, stream_version,"
                    + " facility_code, type, payload, metadata) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
                for (int i = 0; i < rows; i++) {
                    String assessment = UUID.randomUUID().toString();
                    s.setObject(1, UUID.randomUUID());
                    s.setString(2, "assessment-" + assessment);
                    s.setInt(3, 1);
                    s.setString(4, "1312000000");
                    s.setString(5, "answer-recorded");
                    s.setString(6, PAYLOAD.formatted(assessment));
                    s.setString(7, METADATA);
                    s.addBatch();
                    if ((i + 1) % batch == 0 || i == rows - 1) {
                        s.executeBatch();
                        c.commit();
                    }
                }
            }
            return rows / ((System.nanoTime() - began) / 1e9);
        }
    }

    private static double copy(String url, int rows) throws Exception {
        StringBuilder data = new StringBuilder(rows * 400);
        for (int i = 0; i < rows; i++) {
            String assessment = UUID.randomUUID().toString();
            data.append(UUID.randomUUID()).append('\t').append("assessment-").append(assessment).append("\t1\t1312000000\t")
                    .append("answer-recorded\t").append(PAYLOAD.formatted(assessment)).append('\t').append(METADATA).append('\n');
        }
        try (Connection c = connect(url)) {
            long began = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY event (event_id, stream_id, stream_version,"
                    + " facility_code, type, payload, metadata) FROM STDIN", new StringReader(data.toString()));
            return rows / ((System.nanoTime() - began) / 1e9);
        }
    }

    /** A scratch topic shaped like assessment-events, for every round of the producer baseline. */
    private static String scratchTopic(String bootstrap) throws Exception {
        String topic = "load-baseline-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        return topic;
    }

    /**
     * One producer as the relay configures it (acks=all, idempotent). A record to each partition is acknowledged
     * before the clock starts: flooding a topic whose leaders the producer did not know yet once ended in
     * OUT_OF_ORDER_SEQUENCE_NUMBER retries until the batches expired, two minutes later.
     */
    private static double producer(String bootstrap, String topic, int records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String value = PAYLOAD.formatted(UUID.randomUUID());
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, "warm-up", value)).get(30, TimeUnit.SECONDS);
            }
            AtomicReference<Exception> failed = new AtomicReference<>();
            long began = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "13120" + (i % 1000), value), (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            double rate = records / ((System.nanoTime() - began) / 1e9);
            if (failed.get() != null) {
                throw new IllegalStateException("the Kafka baseline lost records: " + failed.get().getMessage(), failed.get());
            }
            return rate;
        }
    }
}
