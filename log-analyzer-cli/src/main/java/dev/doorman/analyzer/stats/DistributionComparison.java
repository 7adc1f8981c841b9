package dev.doorman.analyzer.stats;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Tells a real change in a latency distribution from noise, from the merged histograms alone
 * (constant memory, whatever the number of calls):
 * <ul>
 * <li>a percentile's change with a confidence interval: each side's percentile gets the
 * distribution-free interval of its order statistic (ranks {@code np ± z·sqrt(np(1-p))}), turned
 * into a standard error, and the two are combined in quadrature;</li>
 * <li>the Mann-Whitney U test on the two histograms (ties by bucket, normal approximation with
 * tie and continuity correction): the one-sided p-value that the current values are larger, and
 * the probability that a current value exceeds a baseline one.</li>
 * </ul>
 */
public final class DistributionComparison {
    /** Fewer values than this on either side and no change is called significant. */
    public static final long MIN_COUNT = 20;

    private DistributionComparison() {
    }

    /** A percentile in both sets and its change, with the change's confidence interval. */
    public record PercentileChange(double percentile, double baselineMs, double currentMs, double lowMs,
                                   double highMs) {
        public double deltaMs() {
            return currentMs - baselineMs;
        }

        /** Change relative to the baseline (0.1 = 10% slower); NaN when the baseline is 0. */
        public double relative() {
            return baselineMs == 0 ? Double.NaN : deltaMs() / baselineMs;
        }

        /** The interval lies entirely above zero. */
        public boolean significantIncrease() {
            return lowMs > 0;
        }

        /** The interval lies entirely below zero. */
        public boolean significantDecrease() {
            return highMs < 0;
        }
    }

    /** Mann-Whitney: one-sided p-value for "current is slower", and P(current value > baseline value). */
    public record RankTest(double pSlower, double probabilityCurrentSlower) {
        public static final RankTest NONE = new RankTest(Double.NaN, Double.NaN);
    }

    /**
     * @param percentile 0..100
     * @param z          the normal quantile of the interval (1.96 for 95%, 2.576 for 99%)
     */
    public static PercentileChange percentile(LatencyDistribution baseline, LatencyDistribution current,
                                              double percentile, double z) {
        double a = baseline.percentileMs(percentile);
        double b = current.percentileMs(percentile);
        if (baseline.count() < MIN_COUNT || current.count() < MIN_COUNT) {
            return new PercentileChange(percentile, a, b, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double seA = standardError(baseline, percentile, z);
        double seB = standardError(current, percentile, z);
        double half = z * Math.sqrt(seA * seA + seB * seB);
        return new PercentileChange(percentile, a, b, b - a - half, b - a + half);
    }

    /** The percentile's standard error, from the width of its order-statistic interval. */
    static double standardError(LatencyDistribution d, double percentile, double z) {
        long n = d.count();
        double p = percentile / 100.0;
        double spread = z * Math.sqrt(n * p * (1 - p));
        long low = Math.max(1, (long) Math.floor(n * p - spread));
        long high = Math.min(n, (long) Math.ceil(n * p + spread) + 1);
        double lowMs = d.percentileMs(100.0 * low / n);
        double highMs = d.percentileMs(100.0 * high / n);
        return (highMs - lowMs) / (2 * z);
    }

    public static RankTest mannWhitney(LatencyDistribution baseline, LatencyDistribution current) {
        long na = baseline.count();
        long nb = current.count();
        if (na < MIN_COUNT || nb < MIN_COUNT) {
            return RankTest.NONE;
        }
        // value bucket -> {baseline count, current count}, in value order
        Map<Long, long[]> buckets = new TreeMap<>();
        collect(baseline.histogram(), buckets, 0);
        collect(current.histogram(), buckets, 1);
        double n = na + nb;
        double rankSumCurrent = 0;
        double tieTerm = 0;
        double below = 0;
        for (long[] c : buckets.values()) {
            double t = c[0] + c[1];
            double averageRank = below + (t + 1) / 2.0;
            rankSumCurrent += c[1] * averageRank;
            tieTerm += t * t * t - t;
            below += t;
        }
        double u = rankSumCurrent - nb * (nb + 1) / 2.0;
        double mean = na * (double) nb / 2.0;
        double variance = na * (double) nb / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
        double probability = u / (na * (double) nb);
        if (variance <= 0) {
            return new RankTest(u > mean ? 0 : 1, probability);
        }
        double z = (u - mean - 0.5) / Math.sqrt(variance);
        return new RankTest(upperTail(z), probability);
    }

    private static void collect(Histogram h, Map<Long, long[]> buckets, int side) {
        for (HistogramIterationValue v : h.recordedValues()) {
            long key = h.lowestEquivalentValue(v.getValueIteratedTo());
            buckets.computeIfAbsent(key, k -> new long[2])[side] += v.getCountAtValueIteratedTo();
        }
    }

    /** P(Z > z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
