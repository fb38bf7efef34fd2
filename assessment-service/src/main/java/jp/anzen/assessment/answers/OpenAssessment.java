package jp.anzen.assessment.answers;

import jp.anzen.assessment.validation.Errors;

/** Request body of {@code POST /api/facilities/{code}/assessments}. */
public record OpenAssessment(String frameworkId, String version, Integer fiscalYear) {

    public void validate() {
        Errors errors = new Errors();
        errors.required("/frameworkId", frameworkId);
        errors.required("/version", version);
        if (errors.required("/fiscalYear", fiscalYear) && (fiscalYear < 2023 || fiscalYear > 2100)) {
            errors.add("/fiscalYear", "must be a fiscal year from 2023 (the first checklist) on");
        }
        errors.throwIfAny("The assessment");
    }
}
