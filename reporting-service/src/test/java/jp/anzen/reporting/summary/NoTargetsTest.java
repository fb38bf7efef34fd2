package jp.anzen.reporting.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** A form's target dates read forward entry by entry give what splitting the whole list gives. */
class NoTargetsTest {

    @Test
    void any_forward_walk_reads_the_entries_a_split_reads() {
        Random random = new Random(11);
        for (int form = 0; form < 300; form++) {
            StringBuilder list = new StringBuilder();
            int entries = random.nextInt(30);
            for (int i = 0; i < entries; i++) {
                list.append(i == 0 ? "" : ",").append(random.nextInt(3) == 0 ? "2025-0%d-15".formatted(1 + random.nextInt(9)) : "");
            }
            String[] split = list.toString().split(",", -1);
            SummaryNow.NoTargets targets = new SummaryNow.NoTargets(list.toString());
            for (int i = 0; i < entries + 3; i++) {
                if (random.nextInt(3) == 0) { // a walk asks only at the "no" answers
                    assertThat(targets.at(i)).as("entry %d of '%s'", i, list).isEqualTo(i < split.length ? split[i] : "");
                }
            }
        }
    }

    @Test
    void a_form_without_targets_has_none() {
        assertThat(new SummaryNow.NoTargets(null).at(0)).isEmpty();
        assertThat(new SummaryNow.NoTargets(null).at(5)).isEmpty();
        assertThat(new SummaryNow.NoTargets("").at(3)).isEmpty();
        assertThat(new SummaryNow.NoTargets("2025-01-01,,2025-03-01").at(2)).isEqualTo("2025-03-01");
    }
}
