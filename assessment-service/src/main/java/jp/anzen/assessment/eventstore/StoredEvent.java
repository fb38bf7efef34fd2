package jp.anzen.assessment.eventstore;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** An event as committed: its place in its stream and in the global order, and who wrote it. */
public record StoredEvent(long globalId, UUID eventId, String streamId, int streamVersion, String facilityCode,
        String type, JsonNode payload, JsonNode metadata, Instant recordedAt) {
}
