package io.dataivr.voice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * How sure one benchmark run is of a figure that compares two paths (the SIP call set-up's ratios against the
 * direct dial): a 95% interval by bootstrap over paired rounds. Round {@code i} of the baseline and round
 * {@code i} of the path ran one after the other, so they are drawn together; the calls of one round (N at once)
 * shared the cores and are drawn together too, never one by one, which would hide how much rounds differ.
 * The resampling is seeded: the same run prints the same interval.
 */
final class PairedRounds {

    static final int DRAWS = 2000;

    private final List<List<Long>> baseline;
    private final List<List<Long>> path;

    /** Rounds in the order they ran; only the first {@code min(sizes)} pairs are used. */
    PairedRounds(List<List<Long>> baseline, List<List<Long>> path) {
        int pairs = Math.min(baseline.size(), path.size());
        this.baseline = List.copyOf(baseline.subList(0, pairs));
        this.path = List.copyOf(path.subList(0, pairs));
    }

    int pairs() {
        return baseline.size();
    }

    /** The figure {@code of(baseline values, path values)} on all pairs, and its 2.5th and 97.5th percentiles. */
    Interval interval(BiFunction<List<Long>, List<Long>, Double> of) {
        int[] every = IntStream.range(0, pairs()).toArray();
        double all = of.apply(flat(baseline, every), flat(path, every));
        if (pairs() < 2) {
            return new Interval(all, all, all);
        }
        Random random = new Random(13);
        double[] draws = new double[DRAWS];
        int[] chosen = new int[pairs()];
        for (int d = 0; d < DRAWS; d++) {
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] = random.nextInt(pairs());
            }
            draws[d] = of.apply(flat(baseline, chosen), flat(path, chosen));
        }
        Arrays.sort(draws);
        return new Interval(all, draws[(int) Math.floor(DRAWS * 0.025)], draws[(int) Math.ceil(DRAWS * 0.975) - 1]);
    }

    /** The p50 of the path over the p50 of the baseline. */
    static double ratioOfMedians(List<Long> baseline, List<Long> path) {
        return (double) SipCallSetupBenchmark.p(path, 50) / SipCallSetupBenchmark.p(baseline, 50);
    }

    /** The path's p99 minus the baseline's, ms. */
    static double addedAtP99(List<Long> baseline, List<Long> path) {
        return (SipCallSetupBenchmark.p(path, 99) - SipCallSetupBenchmark.p(baseline, 99)) / 1000.0;
    }

    private static List<Long> flat(List<List<Long>> rounds, int[] chosen) {
        List<Long> values = new ArrayList<>();
        for (int i : chosen) {
            values.addAll(rounds.get(i));
        }
        return values;
    }

    /** A figure and its 95% interval. */
    record Interval(double value, double low, double high) {

        String format(String pattern) {
            return String.format(Locale.ROOT, pattern + " (95%% interval " + pattern + " to " + pattern + ")", value,
                    low, high);
        }
    }
}
