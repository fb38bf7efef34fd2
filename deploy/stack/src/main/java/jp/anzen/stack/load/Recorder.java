package jp.anzen.stack.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency (microseconds, HdrHistogram) and errors by kind, per operation; every phase of the load tool records
 * here, and the report reads it back. Errors are kept by kind ("429", "500", "timeout", ...), because there
 * must be none and, when there are, the kind says where to look.
 */
final class Recorder {

    /** One operation's figures. */
    record Figures(String operation, long count, double seconds, double p50, double p90, double p99, double max,
            Map<String, Long> errors) {

        double perSecond() {
            return seconds <= 0 ? 0 : count / seconds;
        }
    }

    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> errors = new ConcurrentHashMap<>();
    private final Map<String, Double> durations = new ConcurrentHashMap<>();
    private final Map<String, Long> order = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    void record(String operation, long micros) {
        histogram(operation).recordValue(Math.max(0, Math.min(micros, 600_000_000L)));
    }

    void error(String operation, String kind) {
        errors(operation, kind, 1);
    }

    void errors(String operation, String kind, long count) {
        histogram(operation);
        errors.computeIfAbsent(operation, k -> new ConcurrentHashMap<>()).computeIfAbsent(kind, k -> new AtomicLong())
                .addAndGet(count);
    }

    /** The wall-clock time an operation's phase took, for its throughput. */
    void duration(String operation, double seconds) {
        durations.put(operation, seconds);
    }

    Figures figures(String operation) {
        Histogram h = histogram(operation);
        Map<String, Long> kinds = new TreeMap<>();
        errors.getOrDefault(operation, Map.of()).forEach((k, v) -> kinds.put(k, v.get()));
        return new Figures(operation, h.getTotalCount(), durations.getOrDefault(operation, 0.0),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, kinds);
    }

    /** Every operation, in the order first recorded. */
    Map<String, Figures> all() {
        Map<String, Figures> all = new LinkedHashMap<>();
        order.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> all.put(e.getKey(), figures(e.getKey())));
        return all;
    }

    long errorCount() {
        return errors.values().stream().flatMap(m -> m.values().stream()).mapToLong(AtomicLong::get).sum();
    }

    private Histogram histogram(String operation) {
        return latencies.computeIfAbsent(operation, k -> {
            order.putIfAbsent(k, sequence.incrementAndGet());
            return new ConcurrentHistogram(3);
        });
    }

    static String line(Figures f) {
        return String.format("%-44s %8d %9.0f/s  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %8.1f ms%s", f.operation(), f.count(),
                f.perSecond(), f.p50(), f.p90(), f.p99(), f.max(), f.errors().isEmpty() ? "" : "  ERRORS " + f.errors());
    }
}
