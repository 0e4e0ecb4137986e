package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmark's intervals: what they say when the paths are alike, twice apart, or their rounds differ. */
class PairedRoundsTests {

    @Test
    void theSameCallsOnBothSidesGiveARatioOfOneWithNoWidth() {
        List<List<Long>> rounds = rounds(8, 10, 5_000, 1_000, 1);
        PairedRounds.Interval interval = new PairedRounds(rounds, rounds).interval(PairedRounds::ratioOfMedians);
        assertThat(interval.value()).isEqualTo(1.0);
        assertThat(interval.low()).isEqualTo(1.0);
        assertThat(interval.high()).isEqualTo(1.0);
    }

    @Test
    void aPathTwiceAsSlowIsPlacedAroundTwoAndFarFromOne() {
        PairedRounds.Interval interval = new PairedRounds(rounds(8, 10, 5_000, 1_000, 1),
                rounds(8, 10, 10_000, 2_000, 2)).interval(PairedRounds::ratioOfMedians);
        assertThat(interval.value()).isBetween(1.8, 2.2);
        assertThat(interval.low()).isLessThanOrEqualTo(interval.value()).isGreaterThan(1.5);
        assertThat(interval.high()).isGreaterThanOrEqualTo(interval.value()).isLessThan(2.5);
    }

    @Test
    void roundsThatDifferWidenTheIntervalAsTheirCallsAreDrawnTogether() {
        // The path's rounds alternate between fast and slow machines' moments: 1.5x and 2.5x the baseline.
        List<List<Long>> baseline = rounds(8, 10, 5_000, 100, 3);
        List<List<Long>> path = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            long median = r % 2 == 0 ? 7_500 : 12_500;
            path.add(rounds(1, 10, median, 100, 4 + r).get(0));
        }
        PairedRounds.Interval interval = new PairedRounds(baseline, path).interval(PairedRounds::ratioOfMedians);
        assertThat(interval.high() - interval.low()).as("width").isGreaterThan(0.5);
        assertThat(interval.low()).isLessThan(2.0);
        assertThat(interval.high()).isGreaterThan(2.0);
    }

    @Test
    void addedAtP99IsInMillisecondsAndTheUnpairedRoundsAreLeftOut() {
        List<List<Long>> baseline = List.of(List.of(1_000L), List.of(2_000L), List.of(3_000L));
        List<List<Long>> path = List.of(List.of(4_000L), List.of(6_000L));
        PairedRounds rounds = new PairedRounds(baseline, path);
        assertThat(rounds.pairs()).isEqualTo(2);
        assertThat(rounds.interval(PairedRounds::addedAtP99).value()).isEqualTo(4.0); // 6 ms - 2 ms
        assertThat(new PairedRounds(baseline, path).interval(PairedRounds::ratioOfMedians).format("%.2fx"))
                .isEqualTo(rounds.interval(PairedRounds::ratioOfMedians).format("%.2fx")); // seeded: the same again
    }

    /** {@code count} rounds of {@code calls} set-up times (µs) spread evenly around {@code median}. */
    private static List<List<Long>> rounds(int count, int calls, long median, long spread, long seed) {
        Random random = new Random(seed);
        List<List<Long>> rounds = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<Long> round = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                round.add(median + (long) ((random.nextDouble() - 0.5) * 2 * spread));
            }
            rounds.add(round);
        }
        return rounds;
    }
}
