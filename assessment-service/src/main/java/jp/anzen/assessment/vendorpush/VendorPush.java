package jp.anzen.assessment.vendorpush;

import java.util.List;

import jp.anzen.assessment.answers.AnswerBatch;

/** Body of {@code POST /api/vendor/answers}: a vendor's answers for many facilities at once. */
public record VendorPush(List<FacilityAnswers> facilities) {

    /** Answers to the vendor form of one facility for one fiscal year; the assessment opens itself on first push. */
    public record FacilityAnswers(String facilityCode, String frameworkId, String version, Integer fiscalYear,
            List<AnswerBatch.AnswerInput> answers) {
    }
}
