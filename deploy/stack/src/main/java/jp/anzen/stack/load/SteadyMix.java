package jp.anzen.stack.load;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The day-to-day mix at a steady rate, open loop (every request is due at its time whatever the suite does, and
 * its latency counts from then): vendor pushes of 100 answers carrying {@code answersPerSecond}, facility edits,
 * network summaries and readiness reads, all through the gateway. Every fifth push (at most two at a time) is
 * followed until its answer is visible in the inspection form: the projection lag from the 201 to the report.
 */
final class SteadyMix {

    static final String PUSH = "vendor push (100 answers), steady";
    static final String LAG = "projection lag, 201 to visible in report";
    static final String EDIT = "facility edit (1 answer)";
    static final String SUMMARY = "network summary (members of one network)";
    static final String READINESS = "readiness report";
    private static final int FACILITIES = 10;
    private static final int ITEMS = 10; // includes 2-7, the item the lag is read from
    private static final String MARKED_ITEM = Tenants.VENDOR_FORM + ":2025:2-7";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Http http;
    private final String gateway;
    private final Tenants tenants;
    private final Recorder recorder;
    /** Pushes an earlier mix already made: this one's markers come after theirs, or its answers would be "visible" at once. */
    private final int earlierPushes;
    /** Followed pushes at once: polling for visibility must not become the load it measures. */
    private final java.util.concurrent.Semaphore following = new java.util.concurrent.Semaphore(2);
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2);

    SteadyMix(Http http, String gateway, Tenants tenants, Recorder recorder, int earlierPushes) {
        this.http = http;
        this.gateway = gateway;
        this.tenants = tenants;
        this.recorder = recorder;
        this.earlierPushes = earlierPushes;
    }

    /** Runs the mix and returns the number of pushes it made (for the next mix's {@code earlierPushes}). */
    int run(int answersPerSecond, int seconds, int editsPerSecond, int summariesPerSecond, int readinessPerSecond)
            throws InterruptedException {
        int pushesPerSecond = Math.max(1, answersPerSecond / (FACILITIES * ITEMS));
        List<CompletableFuture<?>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        long began = System.nanoTime();
        schedule(pushesPerSecond, seconds, began, (i, due) -> push(i, due, pending));
        schedule(editsPerSecond, seconds, began, this::edit);
        schedule(summariesPerSecond, seconds, began, (i, due) -> read(SUMMARY, "/api/reports/networks/"
                + Tenants.NETWORKS.get(i % Tenants.NETWORKS.size()) + "/summary?fiscalYear=2025", tenants.adminToken(), due));
        schedule(readinessPerSecond, seconds, began, (i, due) -> read(READINESS, "/api/reports/facilities/"
                + tenants.codes.get(i % tenants.codes.size()) + "/readiness?fiscalYear=2025", tenants.managerToken(), due));
        // the periodic tasks end with the scheduler, a second after the last was due
        clock.schedule(clock::shutdown, seconds + 1L, TimeUnit.SECONDS);
        clock.awaitTermination(seconds + 5L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - began) / 1e9;
        for (String operation : List.of(PUSH, EDIT, SUMMARY, READINESS)) {
            recorder.duration(operation, elapsed);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pending.stream().anyMatch(f -> !f.isDone()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pollers.shutdownNow();
        clock.shutdownNow();
        return pushesPerSecond * seconds;
    }

    /** A request due at {@code due} (System.nanoTime). */
    private interface Tick {
        void at(int index, long due);
    }

    /** Calls {@code task} with 0, 1, 2, ... every 1/rate s for the given seconds. */
    private void schedule(int rate, int seconds, long began, Tick task) {
        if (rate <= 0) {
            return;
        }
        long period = 1_000_000_000L / rate;
        int total = rate * seconds;
        int[] next = { 0 };
        clock.scheduleAtFixedRate(() -> {
            try {
                // catch up on the ticks a busy scheduler missed: open loop means nothing is skipped
                long reached = (System.nanoTime() - began) / period;
                while (next[0] <= reached && next[0] < total) {
                    task.at(next[0], began + next[0] * period);
                    next[0]++;
                }
                if (next[0] >= total) {
                    throw new java.util.concurrent.CancellationException("done");
                }
            } catch (java.util.concurrent.CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                recorder.error("scheduler", e.getClass().getSimpleName());
            }
        }, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Dates only ever move forward, so "visible" is: the marked item's date is at least this push's date. */
    private void push(int n, long due, List<CompletableFuture<?>> pending) {
        int i = earlierPushes + n;
        Tenants.Vendor vendor = tenants.vendors.get(i % tenants.vendors.size());
        String token = tenants.vendorToken(vendor);
        LocalDate marker = LocalDate.of(2025, 4, 1).plusDays(i / 4);
        int push = i / tenants.vendors.size();
        String body = VendorPushes.body(vendor.facilities(), push, FACILITIES, ITEMS, marker);
        String followed = vendor.facilities().get((push * FACILITIES) % vendor.facilities().size());
        CompletableFuture<?> f = http.sendAsync("POST", gateway + "/api/vendor/answers", token, body, "Idempotency-Key",
                "load-" + UUID.randomUUID()).whenComplete((response, failure) -> {
                    long stored = System.nanoTime();
                    recorder.record(PUSH, (stored - due) / 1000);
                    if (failure != null || response.statusCode() != 201) {
                        recorder.error(PUSH, failure != null ? failure.getClass().getSimpleName() : String.valueOf(response.statusCode()));
                    } else if (i % 5 == 0 && following.tryAcquire()) {
                        follow(followed, token, marker, stored);
                    }
                });
        pending.add(f);
    }

    /** Polls the inspection form every 25 ms until the push's answer shows; the lag counts from the 201. */
    private void follow(String code, String token, LocalDate marker, long stored) {
        if (System.nanoTime() - stored > TimeUnit.SECONDS.toNanos(30)) {
            recorder.error(LAG, "not visible in 30 s");
            following.release();
            return;
        }
        http.sendAsync("GET", gateway + "/api/reports/facilities/" + code + "/inspection-form?fiscalYear=2025", token, null)
                .whenComplete((response, failure) -> {
                    if (failure == null && response.statusCode() == 200 && visible(response.body(), marker)) {
                        recorder.record(LAG, (System.nanoTime() - stored) / 1000);
                        following.release();
                    } else if (failure == null && response.statusCode() != 200) {
                        recorder.error(LAG, String.valueOf(response.statusCode()));
                        following.release();
                    } else {
                        pollers.schedule(() -> follow(code, token, marker, stored), 25, TimeUnit.MILLISECONDS);
                    }
                });
    }

    private static boolean visible(String inspectionForm, LocalDate marker) {
        try {
            for (var form : JSON.readTree(inspectionForm).path("forms")) {
                for (var item : form.path("items")) {
                    String on = item.path("first").path("confirmedOn").asText(null);
                    if (MARKED_ITEM.equals(item.path("requirementId").asText()) && on != null
                            && !LocalDate.parse(on).isBefore(marker)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void edit(int i, long due) {
        String assessment = tenants.institutionAssessments.get(i % tenants.institutionAssessments.size());
        http.sendAsync("PUT", gateway + assessment + "/answers", tenants.managerToken(), "{\"answers\":[{\"requirementId\":\""
                + Tenants.INSTITUTION_FORM + ":2025:1-1\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"2025-07-01\"}]}")
                .whenComplete((response, failure) -> complete(EDIT, due, failure, response, 200));
    }

    private void read(String operation, String path, String token, long due) {
        http.sendAsync("GET", gateway + path, token, null)
                .whenComplete((response, failure) -> complete(operation, due, failure, response, 200));
    }

    private void complete(String operation, long due, Throwable failure, java.net.http.HttpResponse<String> response, int ok) {
        recorder.record(operation, (System.nanoTime() - due) / 1000);
        if (failure != null) {
            recorder.error(operation, failure.getClass().getSimpleName());
        } else if (response.statusCode() != ok) {
            recorder.error(operation, String.valueOf(response.statusCode()));
        }
    }
}
