package jp.anzen.assessment.answers;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * What dates an answer may carry, so that every reader can hold them (a date of year -999999999 is a valid ISO date to
 * Java, but no PostgreSQL date, and once stopped every report): four-digit years, a confirmation from 2000 (no
 * checklist is older) to today in Japan, a target date inside the assessment's fiscal year (see {@link FiscalYear}),
 * evidence that expires within {@value #EXPIRY_YEARS} years.
 */
final class AnswerDates {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final int EXPIRY_YEARS = 30;
    static final int MAX_ID = 200;
    /** YYYY-MM-DD with a four-digit year: no sign, no expanded year. */
    static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private AnswerDates() {
    }

    static LocalDate expiryHorizon(LocalDate today) {
        return today.plusYears(EXPIRY_YEARS);
    }
}
