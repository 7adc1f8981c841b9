package dev.doorman.analyzer.stats;

import org.HdrHistogram.Histogram;

/**
 * A mergeable latency distribution: an HdrHistogram of microseconds (3 significant digits, so
 * any percentile is within 0.1% of the exact value) plus exact count, min, max and sum. Memory is
 * bounded by the value range, never by the number of values, which is what lets a summary of a
 * million calls fit in a small heap. Not thread-safe: one per worker, merged at the end.
 */
public final class LatencyDistribution {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram;
    private long count;
    private double sumMs;
    private double minMs = Double.POSITIVE_INFINITY;
    private double maxMs = Double.NEGATIVE_INFINITY;

    public LatencyDistribution() {
        this(SIGNIFICANT_DIGITS);
    }

    /** {@code significantDigits} 2 keeps percentiles within 1% in a tenth of the memory (breakdowns, trends). */
    public LatencyDistribution(int significantDigits) {
        histogram = new Histogram(significantDigits);
        histogram.setAutoResize(true);
    }

    /** The underlying histogram, values in microseconds (read-only use: comparisons and rank tests). */
    public Histogram histogram() {
        return histogram;
    }

    /** Records one value; negative and non-finite values are not latencies and are ignored. */
    public void record(double ms) {
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            return;
        }
        histogram.recordValue(Math.round(ms * 1000.0));
        count++;
        sumMs += ms;
        minMs = Math.min(minMs, ms);
        maxMs = Math.max(maxMs, ms);
    }

    /** Adds every value of {@code other} to this distribution (raw counts, not means). */
    public void merge(LatencyDistribution other) {
        if (other.count == 0) {
            return;
        }
        histogram.add(other.histogram);
        count += other.count;
        sumMs += other.sumMs;
        minMs = Math.min(minMs, other.minMs);
        maxMs = Math.max(maxMs, other.maxMs);
    }

    public long count() {
        return count;
    }

    public double sumMs() {
        return sumMs;
    }

    /** Percentile in ms ({@code 0 < p <= 100}), clamped to the exact min and max. */
    public double percentileMs(double percentile) {
        if (count == 0) {
            return 0;
        }
        // The bucket's lowest value: a recorded value comes back as itself, any other is within 0.1%.
        double value = histogram.lowestEquivalentValue(histogram.getValueAtPercentile(percentile)) / 1000.0;
        return Math.max(minMs, Math.min(maxMs, value));
    }

    public StageFigures figures() {
        if (count == 0) {
            return StageFigures.EMPTY;
        }
        return new StageFigures(count, minMs, sumMs / count, percentileMs(50), percentileMs(90),
                percentileMs(95), percentileMs(99), maxMs);
    }

    /** Counts per bucket for a histogram chart: {@code buckets} equal-width bins from {@code lo} to {@code hi} ms. */
    public long[] bins(double lo, double hi, int buckets) {
        long[] bins = new long[buckets];
        if (count == 0) {
            return bins;
        }
        double width = Math.max((hi - lo) / buckets, 1e-9);
        for (var value : histogram.recordedValues()) {
            double ms = Math.max(minMs, Math.min(maxMs, histogram.lowestEquivalentValue(value.getValueIteratedTo()) / 1000.0));
            int bin = (int) Math.min(buckets - 1, Math.max(0, (ms - lo) / width));
            bins[bin] += value.getCountAtValueIteratedTo();
        }
        return bins;
    }

    public double minMs() {
        return count == 0 ? 0 : minMs;
    }

    public double maxMs() {
        return count == 0 ? 0 : maxMs;
    }
}
