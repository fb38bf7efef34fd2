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

    private AsOf() {
    }

    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(JAPAN).toInstant().minusNanos(1000);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("asOf", "'" + value
                    + "' is neither a date (2025-06-01) nor an instant with offset (2025-06-01T09:00:00+09:00)");
        }
    }

    /** The date in Japan at that instant, against which target dates are overdue. */
    public static LocalDate dateInJapan(Instant asOf) {
        return asOf.atZone(JAPAN).toLocalDate();
    }
}
