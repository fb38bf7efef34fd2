package jp.anzen.reporting.readiness;

import java.time.Instant;
import java.time.LocalDate;

import jp.anzen.reporting.problem.InvalidParameterException;

/** The {@code fiscalYear} query parameter: a fiscal year from 2023 (the first checklist) on. */
public final class FiscalYearParameter {

    private FiscalYearParameter() {
    }

    /** The year asked for, or null (every year) when absent. */
    public static Integer orNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("20[2-9][0-9]") || Integer.parseInt(value) < 2023) {
            throw new InvalidParameterException("fiscalYear", "'" + value + "' is not a fiscal year from 2023 on, e.g. 2025");
        }
        return Integer.valueOf(value);
    }

    /** The year asked for, or the one {@code asOf} falls in (April to March, in Japan). */
    public static int orCurrent(String value, Instant asOf) {
        Integer asked = orNull(value);
        if (asked != null) {
            return asked;
        }
        LocalDate day = AsOf.dateInJapan(asOf);
        return day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1;
    }
}
