package jp.anzen.reporting.summary;

import jp.anzen.reporting.problem.InvalidParameterException;

/**
 * The {@code overdueLimit} query parameter. A summary lists the oldest overdue answers, not all of them by default:
 * 10,000 facilities can have tens of thousands, which made the JSON four times larger and slower to read than the
 * facility lines it is about. The total is always given; the Excel workbook has the whole list.
 */
final class OverdueLimit {

    static final int DEFAULT = 100;
    static final int MAX = 100_000;

    private OverdueLimit() {
    }

    static int parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        if (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) > MAX) {
            throw new InvalidParameterException("overdueLimit", "'" + value + "' is not a number of overdue answers from 0 to "
                    + MAX + "; the Excel workbook (format=xlsx) lists them all");
        }
        return Integer.parseInt(value);
    }
}
