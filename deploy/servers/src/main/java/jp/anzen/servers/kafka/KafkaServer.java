package jp.anzen.servers.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import jp.anzen.servers.process.ChildProcess;
import jp.anzen.servers.process.Directories;
import jp.anzen.servers.process.Readiness;

/**
 * A real Kafka broker (KRaft, combined broker and controller) started from the broker jars as a child JVM.
 *
 * <p>A child process rather than in our JVM: the broker's Scala and Jackson dependencies then never meet
 * the services' classpath, and the local run and the tests start it the same way.
 */
public final class KafkaServer implements AutoCloseable {

    /** The topics of ARCHITECTURE.md with their partitions, and their dead-letter topics; all kept forever (retention -1). */
    public static final Map<String, Integer> TOPICS = Map.of("catalogue-events", 3, "assessment-events", 6,
            // events a projection could not apply, with the reason and where they were read (see the reporting service)
            "catalogue-events.dlq", 1, "assessment-events.dlq", 1);

    private final ChildProcess process;
    private final int port;

    private KafkaServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KafkaServer start(Path libs, Path workDir, int port, int controllerPort, boolean keepData)
            throws IOException, InterruptedException {
        int brokerPort = port == 0 ? Readiness.freePort() : port;
        int quorumPort = controllerPort == 0 ? Readiness.freePort() : controllerPort;
        Path logDir = workDir.resolve("data");
        if (!keepData) {
            Directories.deleteTree(logDir);
        }
        Files.createDirectories(logDir);
        Path config = writeConfig(workDir, logDir, brokerPort, quorumPort);
        Path log4j = writeLogConfig(workDir);
        List<String> java = List.of(ChildProcess.javaExecutable(), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j, "-Dkafka.logs.dir=" + workDir,
                "-cp", libs.resolve("*").toString());

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"));
            ChildProcess.run("kafka-format", format, workDir, workDir.resolve("format.log"), Duration.ofSeconds(60));
        }

        List<String> broker = new ArrayList<>(java);
        broker.addAll(List.of("kafka.Kafka", config.toString()));
        ChildProcess child = ChildProcess.start("kafka", broker, workDir, Map.of(), workDir.resolve("kafka.log"));
        KafkaServer server = new KafkaServer(child, brokerPort);
        try {
            server.awaitReadyAndCreateTopics(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String bootstrapServers() {
        return Readiness.LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    private void awaitReadyAndCreateTopics(Duration timeout) {
        Readiness.await("Kafka on " + bootstrapServers(), timeout, process::requireAlive, () -> Readiness.portOpen(port));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            createTopics(admin);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not become ready; see " + logFile(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void createTopics(Admin admin) throws InterruptedException, ExecutionException {
        List<NewTopic> topics = TOPICS.entrySet().stream()
                .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")))
                .toList();
        for (var result : admin.createTopics(topics).values().values()) {
            try {
                result.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static Path writeConfig(Path workDir, Path logDir, int brokerPort, int quorumPort) throws IOException {
        String host = Readiness.LOOPBACK;
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + quorumPort,
                "listeners=PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + quorumPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // the default reserves 128 MB up front
                "log.cleaner.dedupe.buffer.size=2097152",
                "log.retention.ms=-1",
                "");
        Path file = workDir.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private static Path writeLogConfig(Path workDir) throws IOException {
        Path file = workDir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=%d{ISO8601} %-5p [%c] %m%n",
                "logger.kafka.name=kafka.server.KafkaRaftServer",
                "logger.kafka.level=INFO",
                ""));
        return file;
    }

    @Override
    public void close() {
        process.close();
    }
}
