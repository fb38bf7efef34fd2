package jp.anzen.assessment.answers;

import java.time.LocalDate;
import java.util.List;

/**
 * Event {@code answer-recorded}: the answer to one item in one confirmation round (1 or 2), with the
 * evidence it rests on. A later event for the same item and round supersedes it; nothing is overwritten.
 */
public record AnswerRecorded(String assessmentId, String requirementId, int round, String value,
        LocalDate confirmedOn, LocalDate targetDate, String note, List<Evidence> evidence) {

    public static final String TYPE = "answer-recorded";

    /** A reference to evidence kept elsewhere: where it is, its SHA-256, and until when it is valid. */
    public record Evidence(String uri, String sha256, LocalDate expiresOn) {
    }
}
