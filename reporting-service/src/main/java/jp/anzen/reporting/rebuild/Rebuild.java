package jp.anzen.reporting.rebuild;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A rebuild of the projections from the beginning of the topics: where it stands, and how fast it went. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rebuild(String id, State state, String requestedBy, Instant startedAt, Instant switchedAt,
        long assessmentEvents, long catalogueEvents, Long eventsPerSecond, String error) {

    public enum State {
        RUNNING, SWITCHED, FAILED
    }

    static Rebuild started(String id, String requestedBy) {
        return new Rebuild(id, State.RUNNING, requestedBy, Instant.now(), null, 0, 0, null, null);
    }

    Rebuild progressed(long assessment, long catalogue) {
        return new Rebuild(id, state, requestedBy, startedAt, null, assessment, catalogue, null, null);
    }

    Rebuild switched() {
        Instant now = Instant.now();
        long millis = Math.max(1, Duration.between(startedAt, now).toMillis());
        return new Rebuild(id, State.SWITCHED, requestedBy, startedAt, now, assessmentEvents, catalogueEvents,
                (assessmentEvents + catalogueEvents) * 1000 / millis, null);
    }

    Rebuild failed(String reason) {
        return new Rebuild(id, State.FAILED, requestedBy, startedAt, null, assessmentEvents, catalogueEvents, null, reason);
    }
}
