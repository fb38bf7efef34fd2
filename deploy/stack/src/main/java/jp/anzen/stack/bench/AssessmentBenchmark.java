package jp.anzen.stack.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import jp.anzen.servers.ProjectLayout;
import jp.anzen.servers.keycloak.Tokens;
import jp.anzen.stack.Stack;

/**
 * Benchmark of the assessment write path (not a test: it prints figures and asserts nothing).
 *
 * <p>Starts its own suite on free 127.0.0.1 ports, registers facilities that contract the demo vendor, then
 * measures (1) answers appended per second through {@code POST /api/vendor/answers} with batches of 300,
 * and (2) the latency of single-answer writes at a steady rate, open loop (latency counted from the
 * intended send time, so a slow server cannot hide its queueing), directly and through the gateway.
 *
 * <pre>java -cp deploy/stack/target/anzen-stack.jar jp.anzen.stack.bench.AssessmentBenchmark [facilities] [pushes] [rps] [seconds]</pre>
 */
public final class AssessmentBenchmark {

    private static final String VENDOR_FORM = "mhlw-checklist-vendor";
    private static final String INSTITUTION_ITEM = "mhlw-checklist-institution:2025:1-1";
    private static final List<String> VENDOR_ITEMS = List.of("1-1", "2-1", "2-2", "2-3", "2-4-server", "2-4-pc",
            "2-5-server", "2-5-pc", "2-6", "2-7", "2-8", "2-11");
    private static final int FACILITIES_PER_PUSH = 25; // x 12 items = 300 answers per push

    private AssessmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int facilities = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int pushes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long began = System.nanoTime();
        try (Stack stack = Stack.start(ProjectLayout.locate(), Path.of("target", "bench").toAbsolutePath(), Stack.Ports.free(), false)) {
            System.out.printf("stack up in %.1f s (%d cores)%n", (System.nanoTime() - began) / 1e9,
                    Runtime.getRuntime().availableProcessors());
            new AssessmentBenchmark.Run(stack, facilities).measure(pushes, rate, seconds);
        }
    }

    private static final class Run {
        private final Http http = new Http();
        private final Tokens tokens;
        private final String gateway;
        private final String assessmentService;
        private final String kafka;
        private final List<String> codes = new ArrayList<>();
        private final List<String> institutionAssessments = new ArrayList<>();

        Run(Stack stack, int facilities) {
            this.tokens = new Tokens(stack.servers().keycloak().baseUrl());
            this.gateway = stack.gatewayUrl();
            this.assessmentService = stack.services().stream().filter(s -> s.name().equals("assessment-service")).findFirst()
                    .orElseThrow().url();
            this.kafka = stack.servers().kafka().bootstrapServers();
            for (int i = 0; i < facilities; i++) {
                codes.add("131" + String.format("%07d", 1_000_000 + i));
            }
        }

        void measure(int pushes, int rate, int seconds) throws Exception {
            setUp();
            String vendor = tokens.clientCredentials("demo-vendor", "demo-vendor-secret");
            pushes(vendor, 5, 2); // warm-up: JIT, connection pools
            Result push = pushes(vendor, pushes, 2);
            System.out.printf("vendor push, batches of 300: %d answers in %.2f s = %.0f answers/s (2 clients; push p50 %.1f ms,"
                    + " p99 %.1f ms; %d errors)%n", push.answers, push.seconds, push.answers / push.seconds,
                    push.latency.getValueAtPercentile(50) / 1000.0, push.latency.getValueAtPercentile(99) / 1000.0, push.errors);
            long drained = System.nanoTime();
            long events = awaitProjection(Duration.ofMinutes(3));
            System.out.printf("reporting projection caught up %.1f s after the pushes (%d events consumed in all)%n",
                    (System.nanoTime() - drained) / 1e9, events);
            String manager = tokens.user("bench-manager");
            steady(manager, assessmentService, rate, 5, "warm-up");
            steady(manager, assessmentService, rate, seconds, "single-answer write, direct to assessment-service");
            steady(tokens.user("bench-manager"), gateway, rate, seconds, "single-answer write, through the gateway");
        }

        /**
         * Waits until the reporting service's consumer group has read every assessment event, so that the
         * latency phase measures a steady state rather than the backlog of the push phase.
         */
        private long awaitProjection(Duration timeout) throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("reporting-service")
                            .partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    admin.describeTopics(List.of("assessment-events")).allTopicNames().get().get("assessment-events").partitions()
                            .forEach(p -> latest.put(new TopicPartition("assessment-events", p.partition()), OffsetSpec.latest()));
                    long lag = 0;
                    long end = 0;
                    for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                        OffsetAndMetadata done = committed.get(e.getKey());
                        lag += e.getValue().offset() - (done == null ? 0 : done.offset());
                        end += e.getValue().offset();
                    }
                    if (lag == 0) {
                        return end;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the reporting projection still lags by " + lag + " events");
                    }
                    sleep(250);
                }
            }
        }

        private void setUp() {
            tokens.createUser("admin", "bench-manager", "facility-manager", Map.of("facility_codes", codes));
            String admin = tokens.user("demo-admin");
            String manager = tokens.user("bench-manager");
            long began = System.nanoTime();
            for (String code : codes) {
                http.expect("POST", gateway + "/api/facilities", admin, """
                        {"code":"%s","name":"ベンチ病院","kind":"hospital","prefecture":"13","hasMedicalInformationSystem":true}"""
                        .formatted(code), 201);
                http.expect("POST", gateway + "/api/facilities/" + code + "/vendor-contracts/vendor-demo", manager,
                        "{\"systems\":[\"電子カルテ\"],\"frameworkId\":\"" + VENDOR_FORM + "\"}", 200);
            }
            for (String code : codes) {
                institutionAssessments.add(openInstitutionForm(manager, code));
            }
            System.out.printf("set-up: %d facilities with vendor contracts and open assessments in %.1f s%n", codes.size(),
                    (System.nanoTime() - began) / 1e9);
        }

        /** The assessment service learns of the published form over Kafka: retry until it has. */
        private String openInstitutionForm(String manager, String code) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                var response = http.send("POST", gateway + "/api/facilities/" + code + "/assessments", manager,
                        "{\"frameworkId\":\"mhlw-checklist-institution\",\"version\":\"2025\",\"fiscalYear\":2025}");
                if (response.statusCode() == 201) {
                    // the path only: the same assessment is written directly and through the gateway
                    return java.net.URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot open assessment: " + response.statusCode() + " " + response.body());
                }
                sleep(200);
            }
        }

        private record Result(long answers, double seconds, Histogram latency, int errors) {
        }

        private Result pushes(String vendor, int count, int clients) throws InterruptedException {
            Histogram latency = new Histogram(60_000_000L, 3);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicLong answers = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch done = new CountDownLatch(clients);
            long began = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            long start = System.nanoTime();
                            var response = http.send("POST", gateway + "/api/vendor/answers", vendor, pushBody(i),
                                    "Idempotency-Key", "bench-" + UUID.randomUUID());
                            synchronized (latency) {
                                latency.recordValue((System.nanoTime() - start) / 1000);
                            }
                            if (response.statusCode() == 201) {
                                answers.addAndGet(FACILITIES_PER_PUSH * VENDOR_ITEMS.size());
                            } else {
                                errors.incrementAndGet();
                                System.err.println("push failed: " + response.statusCode() + " " + response.body());
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            pool.shutdown();
            return new Result(answers.get(), (System.nanoTime() - began) / 1e9, latency, errors.get());
        }

        private String pushBody(int push) {
            StringBuilder body = new StringBuilder("{\"facilities\":[");
            for (int f = 0; f < FACILITIES_PER_PUSH; f++) {
                String code = codes.get((push * FACILITIES_PER_PUSH + f) % codes.size());
                body.append(f == 0 ? "" : ",").append("{\"facilityCode\":\"").append(code)
                        .append("\",\"frameworkId\":\"" + VENDOR_FORM + "\",\"version\":\"2025\",\"fiscalYear\":2025,\"answers\":[");
                for (int i = 0; i < VENDOR_ITEMS.size(); i++) {
                    body.append(i == 0 ? "" : ",").append("{\"requirementId\":\"" + VENDOR_FORM + ":2025:")
                            .append(VENDOR_ITEMS.get(i)).append("\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-07-01\"}");
                }
                body.append("]}");
            }
            return body.append("]}").toString();
        }

        /** Open loop: a write is due every 1/rate s whatever the server does; latency counts from when it was due. */
        private void steady(String manager, String base, int rate, int seconds, String label) throws InterruptedException {
            Histogram latency = new Histogram(60_000_000L, 3);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            int total = rate * seconds;
            CountDownLatch done = new CountDownLatch(total);
            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            long periodNanos = 1_000_000_000L / rate;
            long began = System.nanoTime();
            clock.scheduleAtFixedRate(() -> {
                // a task that throws would silently stop the schedule: count the failure instead
                try {
                    sendDue(manager, base, began, periodNanos, total, sent, latency, failures, done);
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                    done.countDown();
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
            clock.shutdownNow();
            System.out.printf("%s at %d/s for %d s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d of %d failed%s%s%n",
                    label, rate, seconds, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0, failures.size(), total,
                    failures.isEmpty() ? "" : " (first: " + failures.peek() + ")", finished ? "" : "; TIMED OUT");
        }

        private void sendDue(String manager, String base, long began, long periodNanos, int total, AtomicInteger sent,
                Histogram latency, ConcurrentLinkedQueue<String> failures, CountDownLatch done) {
            int i = sent.getAndIncrement();
            if (i >= total) {
                return;
            }
            long due = began + i * periodNanos;
            String assessment = institutionAssessments.get(i % institutionAssessments.size());
            http.sendAsync("PUT", base + assessment + "/answers", manager, "{\"answers\":[{\"requirementId\":\""
                    + INSTITUTION_ITEM + "\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-07-01\"}]}")
                    .whenComplete((response, failure) -> {
                        synchronized (latency) {
                            latency.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                        }
                        if (failure != null || response.statusCode() != 200) {
                            failures.add(failure != null ? failure.toString() : response.statusCode() + " " + response.body());
                        }
                        done.countDown();
                    });
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
