package jp.anzen.stack.load;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import jp.anzen.servers.postgres.PostgresServer;

/**
 * The same work without Anzen, on the same machine in the same run: the rows a vendor push writes, inserted by
 * PostgreSQL alone (batched INSERTs of a push's size, and COPY); the records the relay sends, through one Kafka
 * producer. Anzen's figures are divided by these, because ratios travel between machines better than rates.
 */
final class Baselines {

    record Rates(double insertRowsPerSecond, double copyRowsPerSecond, double kafkaRecordsPerSecond) {
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
        double insert = inserts(url, rows, batch);
        double copy = copy(url, rows);
        double records = producer(kafka, rows);
        return new Rates(insert, copy, records);
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

    /** One producer as the relay configures it (acks=all, idempotent), to a scratch topic shaped like assessment-events. */
    private static double producer(String bootstrap, int records) throws Exception {
        String topic = "load-baseline-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String value = PAYLOAD.formatted(UUID.randomUUID());
            long began = System.nanoTime();
            Future<RecordMetadata> last = null;
            for (int i = 0; i < records; i++) {
                last = producer.send(new ProducerRecord<>(topic, "13120" + (i % 1000), value));
            }
            producer.flush();
            last.get();
            return records / ((System.nanoTime() - began) / 1e9);
        }
    }
}
