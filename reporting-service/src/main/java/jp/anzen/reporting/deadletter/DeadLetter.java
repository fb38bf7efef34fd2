package jp.anzen.reporting.deadletter;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An event a projection could not apply, as an administrator sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String id, String status, String reason, int attempts, Instant deadSince, Instant lastAttemptAt,
        Source source, String eventType, String streamId, Integer streamVersion, String facilityCode, List<Header> headers,
        String payload, Instant resolvedAt, String resolvedBy, String resolutionNote, Instant publishedAt) {

    /** Where the event was read. */
    public record Source(String topic, int partition, long offset, String key) {
    }

    /** A header of the record; a value that is not printable UTF-8 is shown as base64. */
    public record Header(String name, String value, String base64) {
    }
}
