package jp.anzen.assessment.answers;

/** The facility already has this form for this fiscal year; {@code existingId} is that assessment. */
public class AssessmentExistsException extends RuntimeException {

    private final String existingId;

    public AssessmentExistsException(String existingId) {
        super("This facility already has this form for this fiscal year: assessment " + existingId);
        this.existingId = existingId;
    }

    public String existingId() {
        return existingId;
    }
}
