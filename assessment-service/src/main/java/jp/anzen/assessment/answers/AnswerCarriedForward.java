package jp.anzen.assessment.answers;

import java.time.LocalDate;

/**
 * Event {@code answer-carried-forward}: last year's answer to an item the catalogue maps as equivalent,
 * offered in the new assessment. It awaits the facility's confirmation and never counts as a fresh answer.
 */
public record AnswerCarriedForward(String assessmentId, String requirementId, String fromAssessmentId,
        String fromRequirementId, int fromFiscalYear, String value, LocalDate confirmedOn) {

    public static final String TYPE = "answer-carried-forward";
}
