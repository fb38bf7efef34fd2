package jp.anzen.assessment.answers;

import java.time.LocalDate;
import java.util.List;

import jp.anzen.assessment.eventstore.NewEvent;

/**
 * Event {@code answers-recorded} (event contract v2): the answers one command gave to one assessment (a batch of
 * answers, or a vendor push's answers for one facility), each to one item in one confirmation round (1 or 2), with
 * the evidence it rests on: one submission, one decision, one actor. A later answer to the same item and round
 * supersedes an earlier one; nothing is overwritten. Events written before v2 are {@code answer-recorded}, one per
 * answer; {@link AnswerUpcaster} reads them as this.
 */
public record AnswersRecorded(String assessmentId, List<Answer> answers) {

    public static final String TYPE = "answers-recorded";

    /** One answer. */
    public record Answer(String requirementId, int round, String value, LocalDate confirmedOn, LocalDate targetDate,
            String note, List<Evidence> evidence) {
    }

    /** A reference to evidence kept elsewhere: where it is, its SHA-256, and until when it is valid. */
    public record Evidence(String uri, String sha256, LocalDate expiresOn) {
    }

    public NewEvent event() {
        return new NewEvent(TYPE, this);
    }
}
