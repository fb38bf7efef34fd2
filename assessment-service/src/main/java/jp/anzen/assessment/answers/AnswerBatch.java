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
            String note, List<EvidenceInput> evidence) {
    }

    /** Evidence kept elsewhere: an http(s) or urn URI, the SHA-256 of the document, optionally its expiry. */
    public record EvidenceInput(String uri, String sha256, String expiresOn) {
    }

    static final int MAX_EVIDENCE = 20;

    /** Validates everything against the published version and returns the one event to append. */
    public AnswersRecorded validate(Assessment assessment, PublishedVersion catalogue, String facilityKind,
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
        List<AnswersRecorded.Answer> recorded = new java.util.ArrayList<>();
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
            } else if (a.round() != null && assessment.signedOffRounds().contains(a.round())) {
                errors.add(at + "/round", "round " + a.round() + " is signed off; reopen it (with a reason) before changing it");
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
            } else if (confirmedOn != null && confirmedOn.isBefore(AnswerDates.EARLIEST)) {
                errors.add(at + "/confirmedOn", "lies before " + AnswerDates.EARLIEST + ", earlier than any confirmation could be");
            }
            LocalDate targetDate = date(errors, at + "/targetDate", a.targetDate(), "no".equals(a.value()));
            if (targetDate != null && !"no".equals(a.value())) {
                errors.add(at + "/targetDate", "only a 'no' answer takes a target date");
            } else if (targetDate != null && !FiscalYear.contains(assessment.fiscalYear(), targetDate)) {
                errors.add(at + "/targetDate", "must lie in fiscal year " + assessment.fiscalYear() + " ("
                        + FiscalYear.start(assessment.fiscalYear()) + " to " + FiscalYear.end(assessment.fiscalYear()) + ")");
            }
            if (a.requirementId() != null && a.requirementId().length() > AnswerDates.MAX_ID) {
                errors.add(at + "/requirementId", "at most " + AnswerDates.MAX_ID + " characters");
            }
            if (a.note() != null && a.note().length() > 2000) {
                errors.add(at + "/note", "at most 2000 characters");
            }
            List<AnswersRecorded.Evidence> evidence = evidence(errors, at + "/evidence", a.evidence());
            recorded.add(new AnswersRecorded.Answer(a.requirementId(), a.round() == null ? 0 : a.round(),
                    a.value(), confirmedOn, targetDate, a.note(), evidence));
        }
        errors.throwIfAny("The answers");
        return new AnswersRecorded(assessment.id(), List.copyOf(recorded));
    }

    private static List<AnswersRecorded.Evidence> evidence(Errors errors, String at, List<EvidenceInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            return List.of();
        }
        if (inputs.size() > MAX_EVIDENCE) {
            errors.add(at, "at most " + MAX_EVIDENCE + " evidence references per answer");
            return List.of();
        }
        List<AnswersRecorded.Evidence> evidence = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            EvidenceInput e = inputs.get(i);
            String here = at + "/" + i;
            if (e == null) {
                errors.add(here, "is empty");
                continue;
            }
            if (e.uri() == null || e.uri().length() > 2000 || !e.uri().matches("(https?://|urn:)\\S+")) {
                errors.add(here + "/uri", "an http(s) or urn: URI of at most 2000 characters");
            }
            if (e.sha256() == null || !e.sha256().matches("[0-9a-fA-F]{64}")) {
                errors.add(here + "/sha256", "the document's SHA-256 as 64 hexadecimal digits");
            }
            LocalDate expires = date(errors, here + "/expiresOn", e.expiresOn(), false);
            LocalDate horizon = AnswerDates.expiryHorizon(FiscalYear.todayInJapan());
            if (expires != null && (expires.isBefore(AnswerDates.EARLIEST) || expires.isAfter(horizon))) {
                errors.add(here + "/expiresOn", "must lie between " + AnswerDates.EARLIEST + " and " + horizon
                        + " (" + AnswerDates.EXPIRY_YEARS + " years from today)");
            }
            evidence.add(new AnswersRecorded.Evidence(e.uri(), e.sha256() == null ? null : e.sha256().toLowerCase(java.util.Locale.ROOT),
                    expires));
        }
        return evidence;
    }

    private static LocalDate date(Errors errors, String pointer, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(pointer, "is required (YYYY-MM-DD)");
            }
            return null;
        }
        if (!AnswerDates.SHAPE.matcher(value).matches()) {
            errors.add(pointer, "is not a date of the form YYYY-MM-DD");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(pointer, "'" + value + "' is not a date of the calendar (YYYY-MM-DD)");
            return null;
        }
    }
}
