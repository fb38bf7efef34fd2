package jp.anzen.reporting;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.quarkus.arc.Arc;
import jp.anzen.reporting.projection.AssessmentProjection;
import jp.anzen.reporting.projection.CatalogueProjection;

/** Waits (30 s at most) until events published by a test have been projected: reports need both topics. */
public final class Projected {

    private Projected() {
    }

    public static int applied(String streamId) {
        return Arc.container().instance(AssessmentProjection.class).get().appliedVersion(streamId);
    }

    public static boolean catalogue(String frameworkId, String version) {
        return Arc.container().instance(CatalogueProjection.class).get().has(frameworkId, version);
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not projected within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
