package jp.anzen.reporting.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The JSON's overdue list: the oldest answers first, as many as asked, picked without sorting them all. */
class OldestOverdueTest {

    @Test
    void any_limit_gives_the_start_of_the_whole_list_in_order() {
        Random random = new Random(7);
        List<SummaryParts.OverdueAnswer> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // few dates and codes, so that the order often rests on the code and the catalogue position
            all.add(new SummaryParts.OverdueAnswer("13100%05d".formatted(random.nextInt(40)), "form:2025:" + i, "1",
                    "2025-0%d-01".formatted(1 + random.nextInt(9)), random.nextInt(30)));
        }
        List<SummaryParts.OverdueAnswer> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(SummaryParts.OverdueAnswer::targetDate)
                .thenComparing(SummaryParts.OverdueAnswer::facilityCode)
                .thenComparingInt(SummaryParts.OverdueAnswer::position));

        for (int limit : new int[] { 0, 1, 7, 100, 499, 500, 100_000 }) {
            assertThat(SummaryQueries.oldest(all, limit)).as("limit " + limit)
                    .extracting(o -> o.targetDate() + o.facilityCode() + o.position())
                    .containsExactlyElementsOf(sorted.subList(0, Math.min(limit, all.size())).stream()
                            .map(o -> o.targetDate() + o.facilityCode() + o.position()).toList());
        }
    }
}
