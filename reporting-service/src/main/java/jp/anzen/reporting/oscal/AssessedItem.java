package jp.anzen.reporting.oscal;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;

/** An item of the form with the answer that was current at the report's instant (the later round wins), if any. */
record AssessedItem(String requirementId, String key, String number, String textJa, Answer answer) {

    record Answer(int round, String value, LocalDate confirmedOn, LocalDate targetDate, String note, Instant recordedAt,
            JsonNode evidence) {
    }
}
