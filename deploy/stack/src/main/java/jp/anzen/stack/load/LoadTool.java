package jp.anzen.stack.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.anzen.servers.ProjectLayout;
import jp.anzen.stack.Stack;

/**
 * Anzen's load tool: starts the whole suite on free 127.0.0.1 ports, creates tenants through the gateway with
 * real tokens, and drives it: vendor push bursts, the day-to-day mix at a steady rate (with projection lag),
 * the gateway's added latency, report reads over a 10,000-facility network, and a projection rebuild. In the
 * same run it measures the same work on PostgreSQL alone and Kafka alone, and prints Anzen / baseline ratios.
 * Bounded in count and time; writes a text report and a chart under {@code out}.
 *
 * <pre>deploy/anzen.sh load [facilities=200] [vendors=4] [pushes=200] [rate=2000] [seconds=30] [seeded=10000] [warmup=20] [out=load-report]</pre>
 */
public final class LoadTool {

    private final Map<String, String> options;
    private final Recorder recorder = new Recorder();
    private final Report report = new Report();
    private final Http http = new Http();
    /** Set by the rebuild phase, read by the targets. */
    private double rebuildAnswersPerSecond;

    private LoadTool(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("facilities", "200", "vendors", "4", "pushes", "200",
                "rate", "2000", "seconds", "30", "seeded", "10000", "warmup", "20", "out", "load-report"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !options.containsKey(kv[0])) {
                System.err.println("usage: deploy/anzen.sh load [name=value ...], names: " + options.keySet());
                System.exit(2);
            }
            options.put(kv[0], kv[1]);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        new LoadTool(options).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        String name = "anzen-load-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        long began = System.nanoTime();
        report.line("Anzen load run %s, %s", name, options);
        report.line("machine: %d cores, %.1f GiB RAM, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize()
                        / (1024.0 * 1024 * 1024), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"));
        ProjectLayout layout = ProjectLayout.locate();
        try (Stack stack = Stack.start(layout, Path.of("target", "load").toAbsolutePath(), Stack.Ports.free(),
                false)) {
            report.line("suite up in %.1f s (PostgreSQL, Kafka, Keycloak, 4 services; everything on this machine)", since(began));
            drive(stack, layout.root());
        }
        report.line("run took %.0f s", since(began));
        var files = report.write(Path.of(options.get("out")).toAbsolutePath(), name, recorder.all());
        System.out.println("report: " + files.get(0) + "\nchart:  " + files.get(1));
        if (recorder.errorCount() > 0) {
            System.exit(1);
        }
    }

    private void drive(Stack stack, Path root) throws Exception {
        String gateway = stack.gatewayUrl();
        String kafka = stack.servers().kafka().bootstrapServers();
        long t = System.nanoTime();
        Tenants tenants = Tenants.create(http, gateway, stack.servers().keycloak().baseUrl(),
                stack.servers().keycloak().adminPassword(), option("facilities"), option("vendors"));
        report.line("tenants: %d facilities in 5 prefectures and %d networks, %d vendor systems with their own clients,"
                + " contracts and open forms, through the gateway in %.1f s", tenants.codes.size(), Tenants.NETWORKS.size(),
                tenants.vendors.size(), since(t));

        // 0. warm-up, not counted: fresh JVMs compile while the first load runs. In a profile of the mix on fresh
        // services the JIT compiler threads used more CPU than any request thread, and every figure then measured
        // the compiler. Services in production run warm, so the figures below are of warm services.
        int warmedPushes = warmUp(gateway, kafka, tenants, root);

        // 1. bursts of vendor pushes, and the same rows and records without Anzen
        int pushes = option("pushes");
        VendorPushes.burst(http, gateway, tenants, 8, recorder, false); // connections and pools
        CpuUse.Sample cpu = CpuUse.sample(root);
        double pushRate = VendorPushes.burst(http, gateway, tenants, pushes, recorder, true);
        String burstCpu = CpuUse.between(cpu, CpuUse.sample(root));
        int rows = pushes * VendorPushes.FACILITIES_PER_PUSH * Tenants.VENDOR_ITEMS.size();
        t = System.nanoTime();
        ProjectionLag.awaitCaughtUp(kafka, Duration.ofMinutes(3));
        double catchUp = since(t);
        // the projection lags during a burst: the whole cost of an answer shows only once it has caught up
        CpuUse.Sample caughtUp = CpuUse.sample(root);
        String perAnswer = CpuUse.perUnit(cpu, caughtUp, rows, "answer");
        double cpuPerAnswer = CpuUse.totalPerUnit(cpu, caughtUp, rows);
        Baselines.Rates base = Baselines.measure(stack.servers().postgres(), kafka, rows, 300);
        report.line("");
        report.line("== vendor push burst (%d pushes of 300 answers, %d vendor systems in parallel, through the gateway)",
                pushes, tenants.vendors.size());
        report.line(Recorder.line(recorder.figures(VendorPushes.OPERATION)));
        report.line("answers stored: %,.0f/s; the projection caught up %.1f s after the last push", pushRate, catchUp);
        report.line("   CPU during the burst: %s", burstCpu);
        report.line("   CPU from the first push until the projection caught up: %s", perAnswer);
        report.line("PostgreSQL alone, the same %,d event rows, best of %d rounds: batched INSERT (300 per transaction)"
                + " %s rows/s, COPY %s rows/s", rows, Baselines.ROUNDS, base.insert().described(), base.copy().described());
        report.line("Kafka alone, the same number of records through one producer (acks=all), best of %d rounds: %s records/s",
                Baselines.ROUNDS, base.kafka().described());
        report.line("ratio Anzen / PostgreSQL batched INSERT = %.2f, / COPY = %.2f, / Kafka producer = %.2f",
                pushRate / base.insertRowsPerSecond(), pushRate / base.copyRowsPerSecond(), pushRate / base.kafkaRecordsPerSecond());

        // 2. the day-to-day mix at a steady rate, with the projection lag
        int seconds = option("seconds");
        cpu = CpuUse.sample(root);
        steadyMix(gateway, tenants, recorder, warmedPushes, seconds);
        String steadyCpu = CpuUse.between(cpu, CpuUse.sample(root));
        report.line("");
        report.line("== steady mix for %d s, open loop, through the gateway: %d answers/s in vendor pushes, 20 facility"
                + " edits/s, 5 network summaries/s, 10 readiness reads/s", seconds, option("rate"));
        for (String op : new String[] { SteadyMix.PUSH, SteadyMix.LAG, SteadyMix.EDIT, SteadyMix.SUMMARY, SteadyMix.READINESS }) {
            report.line(Recorder.line(recorder.figures(op)));
        }
        report.line("   CPU during the mix: %s", steadyCpu);
        report.line("   the lag by stage, as the services measure it over the last 30 s:");
        report.line("   " + PipelineMetrics.line("event insert to Kafka ack (relay)", PipelineMetrics.quantiles(http,
                serviceUrl(stack, "assessment-service"), "anzen_relay_lag_seconds")));
        report.line("   " + PipelineMetrics.line("event insert to projected (relay + consumer)", PipelineMetrics.quantiles(http,
                serviceUrl(stack, "reporting-service"), "anzen_projection_lag_seconds")));
        ProjectionLag.awaitCaughtUp(kafka, Duration.ofMinutes(3));

        // 3. the gateway's added latency, side by side
        String direct = serviceUrl(stack, "reporting-service");
        String directWrite = serviceUrl(stack, "assessment-service");
        String answer = "{\"answers\":[{\"requirementId\":\"" + Tenants.INSTITUTION_FORM
                + ":2025:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-07-01\"}]}";
        GatewayOverhead.measure(http, recorder, "readiness report (GET)", "GET", gateway, direct,
                i -> "/api/reports/facilities/" + tenants.codes.get(i % tenants.codes.size()) + "/readiness?fiscalYear=2025",
                tenants.managerToken(), null, 200, 100, 15);
        GatewayOverhead.measure(http, recorder, "facility edit (PUT)", "PUT", gateway, directWrite,
                i -> tenants.institutionAssessments.get(i % tenants.institutionAssessments.size()) + "/answers",
                tenants.managerToken(), answer, 200, 100, 15);
        report.line("");
        report.line("== gateway overhead: the same call alternately direct and through the gateway, 100/s for 15 s each");
        for (String label : new String[] { "readiness report (GET)", "facility edit (PUT)" }) {
            var d = recorder.figures(label + ", direct");
            var g = recorder.figures(label + ", through the gateway");
            report.line(Recorder.line(d));
            report.line(Recorder.line(g));
            report.line("   added by the gateway: p50 %+.2f ms, p99 %+.2f ms", g.p50() - d.p50(), g.p99() - d.p99());
        }

        // 4. report reads over a large network
        int seeded = option("seeded");
        t = System.nanoTime();
        long events = SeededNetwork.publish(kafka, seeded);
        ProjectionLag.awaitCaughtUp(kafka, Duration.ofMinutes(5));
        double projected = since(t);
        String ops = tenants.token("demo-ops");
        String summary = gateway + "/api/reports/networks/" + SeededNetwork.NETWORK + "/summary?fiscalYear=2025";
        String prefecture = gateway + "/api/reports/prefectures/" + SeededNetwork.PREFECTURE + "/summary?fiscalYear=2025";
        // one request at a time, so whatever else uses CPU meanwhile (autovacuum after the seeding, say) shows here
        CpuUse.Sample readsCpu = CpuUse.sample(root);
        long summaryBytes = sequential("network summary, " + seeded + " facilities (JSON)", summary, ops, 10, 200);
        sequential("prefecture summary, " + seeded + " facilities (JSON)", prefecture, ops, 5, 50);
        String readCpu = CpuUse.between(readsCpu, CpuUse.sample(root));
        report.line("");
        report.line("== reports over %,d facilities (seeded as %,d events on assessment-events; projected in %.1f s = %,.0f events/s)",
                seeded, events, projected, events / projected);
        report.line(Recorder.line(recorder.figures("network summary, " + seeded + " facilities (JSON)")));
        report.line(Recorder.line(recorder.figures("prefecture summary, " + seeded + " facilities (JSON)")));
        report.line("   each summary %.1f MB of JSON, read to its last byte and not decoded; CPU during these reads: %s",
                summaryBytes / 1e6, readCpu);

        // 5. a rebuild of every projection from the topics
        checkNothingHeldBack(stack, "live projection");
        rebuild(stack, gateway, tenants.adminToken());
        checkNothingHeldBack(stack, "projection rebuild");

        report.line("");
        report.line("== every operation");
        recorder.all().values().forEach(f -> report.line(Recorder.line(f)));
        report.line("errors: %d%s", recorder.errorCount(), recorder.errorCount() == 0 ? " (none, as required)" : " (MUST BE NONE)");
        targets(pushRate, cpuPerAnswer, base);
    }

    /** The steady mix for {@code warmup} seconds into a recorder of its own; its errors still count. */
    private int warmUp(String gateway, String kafka, Tenants tenants, Path root) throws Exception {
        int seconds = option("warmup");
        if (seconds <= 0) {
            return 0;
        }
        Recorder warm = new Recorder();
        CpuUse.Sample cpu = CpuUse.sample(root);
        int pushes = steadyMix(gateway, tenants, warm, 0, seconds);
        String warmCpu = CpuUse.between(cpu, CpuUse.sample(root));
        ProjectionLag.awaitCaughtUp(kafka, Duration.ofMinutes(3));
        report.line("");
        report.line("== warm-up, not counted: the steady mix below for %d s on the freshly started services", seconds);
        for (String op : new String[] { SteadyMix.PUSH, SteadyMix.LAG }) {
            report.line(Recorder.line(warm.figures(op)));
        }
        report.line("   CPU during the warm-up: %s", warmCpu);
        warm.all().values().forEach(f -> f.errors().forEach((kind, count) -> recorder.errors("warm-up: " + f.operation(), kind, count)));
        return pushes;
    }

    /** The day-to-day mix: pushes carrying {@code rate} answers/s, 20 facility edits/s, 5 summaries/s, 10 readiness reads/s. */
    private int steadyMix(String gateway, Tenants tenants, Recorder into, int earlierPushes, int seconds)
            throws InterruptedException {
        return new SteadyMix(http, gateway, tenants, into, earlierPushes).run(option("rate"), seconds, 20, 5, 10);
    }

    private static String serviceUrl(Stack stack, String name) {
        return stack.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().url();
    }

    /**
     * Closed loop, one request at a time: the read latency itself, with warm-up calls not counted. Returns the size of
     * the last body.
     */
    private long sequential(String operation, String url, String token, int warmUp, int count) {
        long bytes = 0;
        for (int i = 0; i < warmUp; i++) {
            http.readThrough(url, token);
        }
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Http.Read read = http.readThrough(url, token);
            recorder.record(operation, (System.nanoTime() - start) / 1000);
            bytes = read.bytes();
            if (read.status() != 200) {
                recorder.error(operation, String.valueOf(read.status()));
            } else if (!read.endsLikeJson()) {
                recorder.error(operation, "body cut short");
            }
        }
        recorder.duration(operation, since(began));
        return bytes;
    }

    /** An event waiting for an earlier one of its stream means that stream is out of order on the topic. */
    private void checkNothingHeldBack(Stack stack, String operation) {
        double held = PipelineMetrics.gauge(http, serviceUrl(stack, "reporting-service"), "anzen_projection_held_events");
        report.line("%s: events held back for an earlier one of their stream: %s", operation,
                Double.isNaN(held) ? "not published" : String.format("%.0f", held));
        if (!(held == 0)) {
            recorder.error(operation, Double.isNaN(held) ? "held events not published" : "events held back");
        }
    }

    private void rebuild(Stack stack, String gateway, String admin) throws Exception {
        var started = http.send("POST", gateway + "/api/reports/admin/rebuilds", admin, null);
        if (started.statusCode() != 202) {
            recorder.error("projection rebuild", String.valueOf(started.statusCode()));
            return;
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        String path = java.net.URI.create(location).getPath();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String body;
        do {
            Thread.sleep(500);
            body = http.send("GET", gateway + path, admin, null).body();
        } while (body.contains("\"RUNNING\"") && System.nanoTime() < deadline);
        var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        report.line("");
        report.line("== projection rebuild from the beginning of both topics into fresh tables, then switch");
        if (!"SWITCHED".equals(status.path("state").asText())) {
            recorder.error("projection rebuild", status.path("state").asText());
            report.line("rebuild did not finish: %s", body);
            return;
        }
        Duration took = Duration.between(java.time.Instant.parse(status.path("startedAt").asText()),
                java.time.Instant.parse(status.path("switchedAt").asText()));
        // since the event contract v2 an event holds many answers: the answer rows rebuilt say how much was done
        long answers;
        try (var c = java.sql.DriverManager.getConnection(stack.servers().postgres().jdbcUrl("reporting"),
                jp.anzen.servers.postgres.PostgresServer.USER, jp.anzen.servers.postgres.PostgresServer.PASSWORD);
                var q = c.createStatement(); var r = q.executeQuery("SELECT count(*) FROM answer")) {
            r.next();
            answers = r.getLong(1);
        }
        report.line("%,d assessment events (%,d answers) and %,d catalogue events, switched after %s: %,d events/s, %,.0f answers/s",
                status.path("assessmentEvents").asLong(), answers, status.path("catalogueEvents").asLong(), took,
                status.path("eventsPerSecond").asLong(), answers / (took.toMillis() / 1000.0));
        rebuildAnswersPerSecond = answers / (took.toMillis() / 1000.0);
    }

    /** The targets of the event contract v2's work, on 2 cores; a missed one says what to look at, not that the run failed. */
    private void targets(double pushRate, double cpuPerAnswer, Baselines.Rates base) {
        var lag = recorder.figures(SteadyMix.LAG);
        var summary = recorder.all().entrySet().stream().filter(e -> e.getKey().startsWith("network summary, "))
                .findFirst().orElseThrow().getValue();
        double addedP50 = Math.max(recorder.figures("readiness report (GET), through the gateway").p50()
                - recorder.figures("readiness report (GET), direct").p50(),
                recorder.figures("facility edit (PUT), through the gateway").p50()
                        - recorder.figures("facility edit (PUT), direct").p50());
        double postgres = Math.max(base.insertRowsPerSecond(), base.copyRowsPerSecond());
        report.line("");
        report.line("== targets (2 cores)");
        target("vendor push >= 0.5 x PostgreSQL alone (better of INSERT, COPY)", pushRate >= 0.5 * postgres, "%.2f",
                pushRate / postgres);
        target("CPU per stored answer <= 100 µs, all processes", cpuPerAnswer <= 100, "%.0f µs", cpuPerAnswer);
        target("projection lag p99 < 500 ms at " + option("rate") + " answers/s", lag.count() > 0 && lag.p99() < 500,
                "p50 %.0f ms, p99 %.0f ms", lag.p50(), lag.p99());
        target("network summary of " + option("seeded") + " facilities p99 < 60 ms", summary.p99() < 60, "p99 %.1f ms",
                summary.p99());
        target("gateway added p50 <= +1 ms", addedP50 <= 1, "%+.2f ms (worse of GET and PUT)", addedP50);
        target("rebuild >= 50,000 answers/s", rebuildAnswersPerSecond >= 50_000, "%,.0f answers/s", rebuildAnswersPerSecond);
    }

    private void target(String what, boolean met, String format, Object... args) {
        report.line("%-58s %-6s %s", what, met ? "MET" : "MISSED", String.format(format, args));
    }

    private static double since(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
