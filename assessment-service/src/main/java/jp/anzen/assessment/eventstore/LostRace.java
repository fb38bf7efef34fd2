package jp.anzen.assessment.eventstore;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A command that did not ask for optimistic concurrency (no If-Match; a vendor push) and lost a race with
 * another writer of the same stream is run again, from the start, on the new state: its checks see what the
 * other writer stored, and nothing is overwritten, because events only append. With If-Match the 409 is the
 * caller's to handle.
 */
public final class LostRace {

    private static final int ATTEMPTS = 4;

    private LostRace() {
    }

    public static <T> T retry(Supplier<T> command) {
        for (int attempt = 1;; attempt++) {
            try {
                return command.get();
            } catch (StreamConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    // a little jitter, so that the same two writers do not meet again at once
                    Thread.sleep(ThreadLocalRandom.current().nextInt(2, 10 * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
