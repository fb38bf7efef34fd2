package jp.anzen.reporting.summary;

import java.util.List;

/**
 * What either way of reading a summary finds, before it is ordered and the overdue list cut: the facility lines,
 * per item the count of current answers and of "no", and every overdue answer.
 */
record SummaryParts(List<Summary.FacilityLine> facilities, List<ItemCount> items, int forms, List<OverdueAnswer> overdue) {

    /** An item answered in at least one of the forms. */
    record ItemCount(String requirementId, String number, String textJa, int position, int no, int answered) {
    }

    /** A "no" whose target date has passed, with the item's catalogue position to sort by. */
    record OverdueAnswer(String facilityCode, String requirementId, String number, String targetDate, int position) {
    }

    /** A facility's line from its counts; a form that expects nothing is complete, no form at all is not. */
    static Summary.FacilityLine line(String code, String name, String kind, String assessmentId, int expected, int yes, int no,
            int notApplicable, int overdue) {
        int answered = Math.min(expected, yes + no + notApplicable);
        double completion = expected == 0 ? (assessmentId == null ? 0.0 : 1.0) : Math.round(1000.0 * answered / expected) / 1000.0;
        return new Summary.FacilityLine(code, name, kind, assessmentId, expected, yes, no, notApplicable, expected - answered,
                completion, overdue);
    }
}
