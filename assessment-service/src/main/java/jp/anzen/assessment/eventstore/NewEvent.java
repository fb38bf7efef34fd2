package jp.anzen.assessment.eventstore;

/** An event to append: its type (e.g. {@code answer-recorded}) and its payload record. */
public record NewEvent(String type, Object payload) {
}
