package jp.anzen.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.anzen.servers.process.ChildProcess;
import jp.anzen.servers.process.Readiness;

/** One packaged Quarkus service (target/quarkus-app) run as a child JVM, configured through its environment. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final ChildProcess process;
    private final Path projectRoot;
    private final Map<String, String> environment;

    private ServiceProcess(String name, int port, ChildProcess process, Path projectRoot, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.projectRoot = projectRoot;
        this.environment = Map.copyOf(environment);
    }

    /** Starts the service and waits until its readiness check (database, Kafka, upstreams) is UP. */
    public static ServiceProcess start(Path projectRoot, String name, int port, Map<String, String> env, Path logDir,
            Duration timeout) throws IOException {
        ServiceProcess service = launch(projectRoot, name, port, env, logDir);
        try {
            Readiness.await(name + " on port " + port, timeout, service.process::requireAlive,
                    () -> Readiness.httpOk(service.url() + "/q/health/ready"));
        } catch (RuntimeException e) {
            service.close();
            throw new IllegalStateException(e.getMessage() + "; see " + service.logFile(), e);
        }
        return service;
    }

    /** Starts the service without waiting for it. */
    public static ServiceProcess launch(Path projectRoot, String name, int port, Map<String, String> env, Path logDir)
            throws IOException {
        Path jar = projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw install -DskipTests)");
        }
        // A fixed heap with a large young generation: each service keeps about 30 MB live, but under load it allocates
        // hundreds of MB/s (in-flight Kafka records, JSON). A 64 MB start left a young generation of 20 MB, collected
        // several times a second with pauses of 30 to 140 ms, and promoted short-lived records into the old one.
        // Metaspace starts at a high-water mark of about 20 MB, and each time a service's classes passed it at start the
        // JVM ran a full collection (three in the reporting service, 50 to 360 ms each): start it above what they load.
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms512m", "-Xmx512m", "-Xmn256m",
                "-XX:+UseSerialGC", "-XX:MetaspaceSize=128m"));
        // e.g. a profiler for one run: ANZEN_JAVA_OPTS_ASSESSMENT_SERVICE="-XX:StartFlightRecording=filename=/tmp/a.jfr"
        String extra = System.getenv("ANZEN_JAVA_OPTS_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("QUARKUS_HTTP_HOST", Readiness.LOOPBACK);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ChildProcess child = ChildProcess.start(name, command, projectRoot, environment, logDir.resolve(name + ".log"));
        return new ServiceProcess(name, port, child, projectRoot, env);
    }

    /** The exit code once the service has stopped by itself; empty while it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    Path projectRoot() {
        return projectRoot;
    }

    int port() {
        return port;
    }

    /** The settings it was started with (besides host and port). */
    Map<String, String> environment() {
        return environment;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://" + Readiness.LOOPBACK + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.close();
    }
}
