package jp.anzen.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The CloudEvents attributes of a record in binary mode ({@code ce_*} headers). */
record CloudEventHeaders(String id, String type, OffsetDateTime time, String streamId, Integer streamVersion) {

    /** What one unit of a fraction of n digits is worth in nanoseconds, by n: ".123456" is 123,456 x 1,000. */
    private static final int[] FRACTION_UNIT_NANOS = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1 };

    static CloudEventHeaders of(ConsumerRecord<String, String> record) {
        String version = header(record, "ce_streamversion");
        String time = header(record, "ce_time");
        return new CloudEventHeaders(header(record, "ce_id"), header(record, "ce_type"), time == null ? null : time(time),
                header(record, "ce_streamid"), version == null ? null : Integer.valueOf(version));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * {@code OffsetDateTime.parse}, with a short way for the one shape the relay writes (2026-11-21T20:15:08.123456Z, a
     * fraction of up to nine digits, Z or an offset of hours and minutes). The general parser was a sixth of the
     * projection's CPU in a burst of vendor pushes. Anything else, valid or not, goes to the general parser, so
     * the result and the errors are the JDK's (CloudEventHeadersTest holds the two alike).
     */
    static OffsetDateTime time(String text) {
        OffsetDateTime quick = quickTime(text);
        return quick != null ? quick : OffsetDateTime.parse(text);
    }

    /** The relay's shape read field by field, or null for the general parser. */
    private static OffsetDateTime quickTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 9) {
                return null;
            }
            nanos = digits(s, start, i - start) * FRACTION_UNIT_NANOS[i - start];
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException e) {
            return null; // 30 February, hour 24: the general parser says what is wrong
        }
    }

    /** "Z" or "+hh:mm" / "-hh:mm" ending the text at {@code i}, or null. */
    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (i != n - 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return null;
        }
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number {@code length} decimal digits spell from {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
