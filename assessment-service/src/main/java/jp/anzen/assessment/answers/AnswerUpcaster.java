package jp.anzen.assessment.answers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the stored {@code answer-recorded} events of the first contract (one answer each, written before v2) as the
 * {@code answers-recorded} of one answer, so that every reader has one shape to read. Stored events are never
 * rewritten: this runs on every read.
 */
final class AnswerUpcaster {

    /** The old event's type. */
    static final String ANSWER_RECORDED = "answer-recorded";

    private AnswerUpcaster() {
    }

    /** The payload as {@code answers-recorded}: {@code {assessmentId, answers: [...]}}. */
    static JsonNode current(String type, JsonNode payload) {
        if (!ANSWER_RECORDED.equals(type)) {
            return payload;
        }
        ObjectNode answer = payload.deepCopy();
        answer.remove("assessmentId");
        ObjectNode upcast = JsonNodeFactory.instance.objectNode();
        upcast.set("assessmentId", payload.get("assessmentId"));
        upcast.putArray("answers").add(answer);
        return upcast;
    }
}
