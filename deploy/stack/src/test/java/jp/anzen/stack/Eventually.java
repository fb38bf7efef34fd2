package jp.anzen.stack;

import java.time.Duration;
import java.util.function.Supplier;

import io.restassured.response.Response;

/** Retries a call until it answers the expected status: the services learn of each other over Kafka. */
public final class Eventually {

    private Eventually() {
    }

    /** {@code call} may return null for "not yet" (a condition on the body not met). */
    public static Response answers(Duration timeout, Supplier<Response> call, int status) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (last != null && last.statusCode() == status) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no " + status + " within " + timeout + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.asString()));
    }
}
