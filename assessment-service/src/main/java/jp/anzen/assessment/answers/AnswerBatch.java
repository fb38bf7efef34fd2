package jp.anzen.assessment.answers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jp.anzen.assessment.catalogue.CatalogueReplica.PublishedVersion;
import jp.anzen.assessment.validation.Errors;

/**
 * Request body of {@code PUT .../answers}: answers to many items at once, stored all together or not at all.
 * Dates are ISO strings so that a malformed one is reported at its place, like every other error.
 */
public record AnswerBatch(List<AnswerInput> answers) {

    public static final Set<String> VALUES = Set.of("yes", "no", "not-applicable");

    public record AnswerInput(String requirementId, Integer round, String value, String confirmedOn, String targetDate,
            String note) {
    }

    /** Validates everything against the published version and returns the events to append. */
    public List<AnswerRecorded> validate(Assessment assessment, PublishedVersion catalogue, String facilityKind,
            LocalDate today, int maxBatch) {
        Errors errors = new Errors();
        if (answers == null || answers.isEmpty()) {
            errors.add("/answers", "at least one answer is required");
            errors.throwIfAny("The answers");
        }
        if (answers.size() > maxBatch) {
            errors.add("/answers", "at most " + maxBatch + " answers per request; this one has " + answers.size());
            errors.throwIfAny("The answers");
        }
        Set<String> seen = new HashSet<>();
        List<AnswerRecorded> recorded = new java.util.ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            String at = "/answers/" + i;
            AnswerInput a = answers.get(i);
            if (a == null) {
                errors.add(at, "is empty");
                continue;
            }
            if (errors.required(at + "/requirementId", a.requirementId())) {
                var item = catalogue.items().get(a.requirementId());
                if (item == null) {
                    errors.add(at + "/requirementId", "'" + a.requirementId() + "' is not an item of "
                            + catalogue.frameworkId() + " version " + catalogue.version());
                } else if (!item.facilityKinds().isEmpty() && !item.facilityKinds().contains(facilityKind)) {
                    errors.add(at + "/requirementId", "item does not apply to a " + facilityKind);
                }
            }
            if (errors.required(at + "/round", a.round()) && a.round() != 1 && a.round() != 2) {
                errors.add(at + "/round", "1 (first confirmation) or 2 (second confirmation)");
            }
            if (a.requirementId() != null && a.round() != null && !seen.add(a.requirementId() + "#" + a.round())) {
                errors.add(at, "a second answer to " + a.requirementId() + " round " + a.round() + " in the same request");
            }
            if (errors.required(at + "/value", a.value()) && !VALUES.contains(a.value())) {
                errors.add(at + "/value", "one of yes, no, not-applicable");
            }
            LocalDate confirmedOn = date(errors, at + "/confirmedOn", a.confirmedOn(), true);
            if (confirmedOn != null && confirmedOn.isAfter(today)) {
                errors.add(at + "/confirmedOn", "lies in the future (today in Japan is " + today + ")");
            }
            LocalDate targetDate = date(errors, at + "/targetDate", a.targetDate(), "no".equals(a.value()));
            if (targetDate != null && !"no".equals(a.value())) {
                errors.add(at + "/targetDate", "only a 'no' answer takes a target date");
            } else if (targetDate != null && !FiscalYear.contains(assessment.fiscalYear(), targetDate)) {
                errors.add(at + "/targetDate", "must lie in fiscal year " + assessment.fiscalYear() + " ("
                        + FiscalYear.start(assessment.fiscalYear()) + " to " + FiscalYear.end(assessment.fiscalYear()) + ")");
            }
            if (a.note() != null && a.note().length() > 2000) {
                errors.add(at + "/note", "at most 2000 characters");
            }
            recorded.add(new AnswerRecorded(assessment.id(), a.requirementId(), a.round() == null ? 0 : a.round(),
                    a.value(), confirmedOn, targetDate, a.note()));
        }
        errors.throwIfAny("The answers");
        return recorded;
    }

    private static LocalDate date(Errors errors, String pointer, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(pointer, "is required (YYYY-MM-DD)");
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(pointer, "'" + value + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }
}
