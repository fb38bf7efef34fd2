package jp.anzen.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A baseline is the best of its rounds, and the report shows every round beside it. */
class BaselinesTest {

    @Test
    void the_best_round_counts_and_every_round_is_shown_in_the_order_taken() {
        Baselines.Best best = Baselines.Best.of(new double[] { 29_189.4, 44_001.2, 40_112.0 });

        assertThat(best.perSecond()).isEqualTo(44_001.2);
        assertThat(best.described()).isEqualTo("44,001 (29,189 / 44,001 / 40,112)");
    }
}
