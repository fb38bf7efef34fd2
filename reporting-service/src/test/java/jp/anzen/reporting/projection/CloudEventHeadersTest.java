package jp.anzen.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The event time's short way gives what OffsetDateTime.parse gives, for the relay's shape and for any other. */
class CloudEventHeadersTest {

    @Test
    void times_in_any_shape_read_as_the_jdk_reads_them() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(9)));
            ZoneOffset offset = random.nextInt(3) == 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            OffsetDateTime time = instant.atOffset(offset);
            for (String text : new String[] { time.toString(), time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) }) {
                assertThat(CloudEventHeaders.time(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
            }
        }
    }

    @Test
    void the_relays_times_and_the_edges_of_the_short_way() {
        for (String text : new String[] { "2026-11-21T20:15:08.123456Z", "2025-07-01T09:00:00+09:00", "2025-07-01T09:00Z",
                "2025-07-01T09:00:00.Z", "2025-07-01T09:00:00.1234567891Z", "2025-07-01t09:00:00z", "2025-07-01T09:00:00-00:00",
                "2025-07-01T09:00:00+09:00:30", "2025-07-01T09:00:00+0900", "2024-02-29T23:59:59.999999999-18:00" }) {
            assertSameAsJdk(text);
        }
    }

    @Test
    void what_the_jdk_refuses_is_refused_the_same_way() {
        for (String text : new String[] { "2025-02-30T00:00:00Z", "2025-07-01T24:00:00Z", "2025-07-01T09:60:00Z",
                "2025-13-01T09:00:00Z", "2025-07-01T09:00:00+19:00", "2025-07-01T09:00:00", "2025-07-01 09:00:00Z",
                "2025-07-01T09:00:0aZ", "yesterday", "2025-07-01T09:00:00+09:60" }) {
            assertThatThrownBy(() -> OffsetDateTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> CloudEventHeaders.time(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    private static void assertSameAsJdk(String text) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> CloudEventHeaders.time(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(CloudEventHeaders.time(text)).as(text).isEqualTo(expected);
    }
}
