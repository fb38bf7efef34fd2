package jp.anzen.stack.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' own view of the event pipeline, read from their /q/metrics (Prometheus text): the relay's lag
 * (insert to Kafka's acknowledgement) and the projection's (event time to projection), over the last 30 s.
 * They split the lag the load tool sees from outside into its stages.
 */
final class PipelineMetrics {

    private static final Pattern QUANTILE = Pattern.compile("^(\\w+)\\{[^}]*quantile=\"([0-9.]+)\"[^}]*}\\s+([0-9.eE+-]+)$");

    private PipelineMetrics() {
    }

    /** Quantile to milliseconds, for one timer of one service; empty when the service does not publish it. */
    static Map<String, Double> quantiles(Http http, String serviceUrl, String metric) {
        Map<String, Double> quantiles = new TreeMap<>();
        for (String line : lines(http, serviceUrl)) {
            Matcher m = QUANTILE.matcher(line);
            if (m.matches() && m.group(1).equals(metric)) {
                quantiles.put("p" + (int) Math.round(Double.parseDouble(m.group(2)) * 100), Double.parseDouble(m.group(3)) * 1000);
            }
        }
        return quantiles;
    }

    /** A gauge's value, NaN when the service does not publish it. */
    static double gauge(Http http, String serviceUrl, String metric) {
        for (String line : lines(http, serviceUrl)) {
            String[] parts = line.split("\\s+");
            if (parts.length == 2 && parts[0].equals(metric)) {
                return Double.parseDouble(parts[1]);
            }
        }
        return Double.NaN;
    }

    /** The service's /q/metrics, a trimmed line each; none when it does not answer 200. */
    private static List<String> lines(Http http, String serviceUrl) {
        var response = http.send("GET", serviceUrl + "/q/metrics", "none", null);
        return response.statusCode() != 200 ? List.of() : response.body().lines().map(String::trim).toList();
    }

    static String line(String label, Map<String, Double> quantiles) {
        StringBuilder line = new StringBuilder(String.format("%-44s", label));
        quantiles.forEach((q, ms) -> line.append(String.format("  %s %7.1f", q, ms)));
        return line.append(quantiles.isEmpty() ? "  (not published)" : " ms").toString();
    }
}
