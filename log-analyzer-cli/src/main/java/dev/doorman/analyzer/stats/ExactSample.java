package dev.doorman.analyzer.stats;

import java.util.Arrays;

/**
 * The few values of one call, kept exactly: per-call reports show true figures, and the summary
 * histograms are fed from here. Percentiles use the nearest-rank definition (as HdrHistogram does).
 */
public final class ExactSample {
    private double[] values = new double[4];
    private int size;

    public void record(double ms) {
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = ms;
    }

    public int count() {
        return size;
    }

    public double sum() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum;
    }

    public double max() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    /** Feeds every value into a mergeable distribution. */
    public void copyInto(LatencyDistribution distribution) {
        for (int i = 0; i < size; i++) {
            distribution.record(values[i]);
        }
    }

    public StageFigures figures() {
        if (size == 0) {
            return StageFigures.EMPTY;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new StageFigures(size, sorted[0], sum() / size, nearestRank(sorted, 50),
                nearestRank(sorted, 90), nearestRank(sorted, 95), nearestRank(sorted, 99), sorted[size - 1]);
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p% at or below it. */
    public static double nearestRank(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
