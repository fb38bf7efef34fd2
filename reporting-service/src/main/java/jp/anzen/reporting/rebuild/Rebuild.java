package jp.anzen.reporting.rebuild;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A rebuild of the projections from the beginning of the topics: where it stands, and how fast it went. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rebuild(String id, State state, String requestedBy, Instant startedAt, Instant switchedAt,
        long assessmentEvents, long catalogueEvents, Long eventsPerSecond, String error) {

    public enum State {
        RUNNING, SWITCHED, FAILED
    }
}
