package jp.anzen.assessment.answers;

import java.time.LocalDate;

/**
 * Event {@code answer-recorded}: the answer to one item in one confirmation round (1 or 2). A later event
 * for the same item and round supersedes it; nothing is ever overwritten.
 */
public record AnswerRecorded(String assessmentId, String requirementId, int round, String value,
        LocalDate confirmedOn, LocalDate targetDate, String note) {

    public static final String TYPE = "answer-recorded";
}
