package jp.anzen.reporting.readiness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import jp.anzen.reporting.problem.InvalidParameterException;

/**
 * The {@code asOf} parameter: an instant ({@code 2025-06-01T09:00:00+09:00}) or a date, meaning the end
 * of that day in Japan. Absent means now.
 */
public final class AsOf {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Before any checklist, and far past any report anyone will ask for. */
    private static final Instant EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay(JAPAN).toInstant();
    private static final Instant LATEST = LocalDate.of(2100, 1, 1).atStartOfDay(JAPAN).toInstant();

    private AsOf() {
    }

    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        Instant asOf;
        try {
            if (value.length() == 10) {
                asOf = LocalDate.parse(value).plusDays(1).atStartOfDay(JAPAN).toInstant().minusNanos(1000);
            } else {
                asOf = OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("asOf", "'" + value
                    + "' is neither a date (2025-06-01) nor an instant with offset (2025-06-01T09:00:00+09:00)");
        }
        if (asOf.isBefore(EARLIEST) || !asOf.isBefore(LATEST)) {
            // a year such as +300000 is an instant to Java, but beyond PostgreSQL's timestamps
            throw new InvalidParameterException("asOf", "must lie in the years 2000 to 2099");
        }
        return asOf;
    }

    /** The date in Japan at that instant, against which target dates are overdue. */
    public static LocalDate dateInJapan(Instant asOf) {
        return asOf.atZone(JAPAN).toLocalDate();
    }
}
