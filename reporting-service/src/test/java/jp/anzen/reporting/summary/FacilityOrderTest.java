package jp.anzen.reporting.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The summary's facility lines: by code, a facility's forms by id, one without a form last, whatever the codes. */
class FacilityOrderTest {

    @Test
    void ten_digit_codes_sorted_as_numbers_give_the_order_of_the_comparison() {
        Random random = new Random(3);
        List<Summary.FacilityLine> lines = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // few distinct codes, so that many facilities have more than one line
            String code = "%02d1%07d".formatted(1 + random.nextInt(47), random.nextInt(400));
            String form = random.nextInt(4) == 0 ? null : "3d6825fe-0000-4000-8000-%012d".formatted(random.nextInt(1_000));
            lines.add(SummaryParts.line(code, "施設" + i, "clinic", form, 3, 1, 0, 0, 0));
        }
        assertSameOrder(lines);
    }

    @Test
    void any_other_code_falls_back_to_the_comparison() {
        List<Summary.FacilityLine> lines = new ArrayList<>();
        for (String code : List.of("1310000001", "131000000", "13100000010", "Z310000001", "0110000001", "1310000001", "１３10000001")) {
            lines.add(SummaryParts.line(code, "x", "clinic", null, 0, 0, 0, 0, 0));
        }
        assertSameOrder(lines);
    }

    private static void assertSameOrder(List<Summary.FacilityLine> lines) {
        Collections.shuffle(lines, new Random(5));
        List<Summary.FacilityLine> expected = new ArrayList<>(lines);
        expected.sort((a, b) -> {
            int code = a.code().compareTo(b.code());
            if (code != 0) {
                return code;
            }
            if (a.assessmentId() == null || b.assessmentId() == null) {
                return a.assessmentId() == null ? (b.assessmentId() == null ? 0 : 1) : -1;
            }
            return a.assessmentId().compareTo(b.assessmentId());
        });
        List<Summary.FacilityLine> sorted = SummaryQueries.sortedByCode(lines);
        assertThat(sorted).extracting(l -> l.code() + "/" + l.assessmentId())
                .containsExactlyElementsOf(expected.stream().map(l -> l.code() + "/" + l.assessmentId()).toList());
    }
}
