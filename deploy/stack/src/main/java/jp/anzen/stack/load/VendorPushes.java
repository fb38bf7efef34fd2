package jp.anzen.stack.load;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vendor batch pushes through the gateway, as after a patch day: every vendor system pushes its facilities'
 * vendor forms, batches of {@value #FACILITIES_PER_PUSH} facilities x 12 items = 300 answers, as fast as the
 * suite takes them (closed loop, one connection per vendor).
 */
final class VendorPushes {

    static final int FACILITIES_PER_PUSH = 25;
    static final String OPERATION = "vendor push (300 answers)";

    private VendorPushes() {
    }

    /** Returns the answers stored per second. */
    static double burst(Http http, String gateway, Tenants tenants, int pushes, Recorder recorder, boolean record)
            throws InterruptedException {
        List<Tenants.Vendor> vendors = tenants.vendors;
        AtomicInteger next = new AtomicInteger();
        AtomicLong answers = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(vendors.size());
        CountDownLatch done = new CountDownLatch(vendors.size());
        long began = System.nanoTime();
        for (Tenants.Vendor vendor : vendors) {
            String token = tenants.vendorToken(vendor);
            pool.execute(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < pushes; i = next.getAndIncrement()) {
                        byte[] body = body(vendor.facilities(), i, FACILITIES_PER_PUSH, Tenants.VENDOR_ITEMS.size(),
                                LocalDate.of(2025, 7, 1)).getBytes(StandardCharsets.UTF_8);
                        String key = "load-" + UUID.randomUUID();
                        long start = System.nanoTime();
                        int status = http.post(gateway + "/api/vendor/answers", token, body, "Idempotency-Key", key);
                        if (!record) {
                            continue;
                        }
                        recorder.record(OPERATION, (System.nanoTime() - start) / 1000);
                        if (status == 201) {
                            answers.addAndGet((long) FACILITIES_PER_PUSH * Tenants.VENDOR_ITEMS.size());
                        } else {
                            recorder.error(OPERATION, String.valueOf(status));
                        }
                    }
                } catch (RuntimeException e) {
                    recorder.error(OPERATION, e.getClass().getSimpleName());
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        double seconds = (System.nanoTime() - began) / 1e9;
        if (record) {
            recorder.duration(OPERATION, seconds);
        }
        return answers.get() / seconds;
    }

    /** {@code facilities} of the vendor's list (from push {@code i} on, round robin) x the first {@code items} items. */
    static String body(List<String> codes, int push, int facilities, int items, LocalDate confirmedOn) {
        StringBuilder body = new StringBuilder("{\"facilities\":[");
        for (int f = 0; f < facilities; f++) {
            String code = codes.get((push * facilities + f) % codes.size());
            body.append(f == 0 ? "" : ",").append("{\"facilityCode\":\"").append(code).append("\",\"frameworkId\":\"")
                    .append(Tenants.VENDOR_FORM).append("\",\"version\":\"2025\",\"fiscalYear\":2025,\"answers\":[");
            for (int i = 0; i < items; i++) {
                body.append(i == 0 ? "" : ",").append("{\"requirementId\":\"").append(Tenants.VENDOR_FORM).append(":2025:")
                        .append(Tenants.VENDOR_ITEMS.get(i)).append("\",\"round\":1,\"value\":\"yes\",\"confirmedOn\":\"")
                        .append(confirmedOn).append("\"}");
            }
            body.append("]}");
        }
        return body.append("]}").toString();
    }
}
