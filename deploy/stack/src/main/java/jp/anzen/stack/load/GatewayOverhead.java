package jp.anzen.stack.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's added latency, side by side in one run: the same call alternately to the service directly
 * and through the gateway, at a steady rate (open loop), so both see the same machine at the same moment.
 */
final class GatewayOverhead {

    private GatewayOverhead() {
    }

    /** {@code path} gives the i-th call's path, so that writes spread over many streams as real edits do. */
    static void measure(Http http, Recorder recorder, String label, String method, String gateway, String direct,
            java.util.function.IntFunction<String> path, String token, String body, int expected, int ratePerSecond,
            int seconds) throws InterruptedException {
        int total = ratePerSecond * seconds;
        CountDownLatch done = new CountDownLatch(total);
        long period = 1_000_000_000L / ratePerSecond;
        long began = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = began + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean viaGateway = i % 2 == 1;
            String operation = label + (viaGateway ? ", through the gateway" : ", direct");
            http.sendAsync(method, (viaGateway ? gateway : direct) + path.apply(i), token, body).whenComplete((response, failure) -> {
                recorder.record(operation, (System.nanoTime() - due) / 1000);
                if (failure != null || response.statusCode() != expected) {
                    recorder.error(operation, failure != null ? failure.getClass().getSimpleName()
                            : String.valueOf(response.statusCode()));
                }
                done.countDown();
            });
        }
        done.await(seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - began) / 1e9;
        recorder.duration(label + ", direct", elapsed);
        recorder.duration(label + ", through the gateway", elapsed);
    }
}
