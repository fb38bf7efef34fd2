package jp.anzen.assessment.answers;

import java.time.LocalDate;
import java.time.ZoneId;

/** Japanese fiscal years run from 1 April to 31 March; "today" is the date in Japan. */
public final class FiscalYear {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private FiscalYear() {
    }

    public static LocalDate start(int fiscalYear) {
        return LocalDate.of(fiscalYear, 4, 1);
    }

    public static LocalDate end(int fiscalYear) {
        return LocalDate.of(fiscalYear + 1, 3, 31);
    }

    public static boolean contains(int fiscalYear, LocalDate date) {
        return !date.isBefore(start(fiscalYear)) && !date.isAfter(end(fiscalYear));
    }

    public static LocalDate todayInJapan() {
        return LocalDate.now(JAPAN);
    }
}
