package dev.doorman.analyzer.compare;

import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.DistributionComparison;
import dev.doorman.analyzer.stats.DistributionComparison.PercentileChange;
import dev.doorman.analyzer.stats.DistributionComparison.RankTest;
import dev.doorman.analyzer.stats.LatencyDistribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares two reports metric by metric. A metric regressed when one of its p50/p95/p99 got
 * slower with the change's 99% confidence interval entirely above zero and by at least
 * {@code minChange} of the baseline: a difference the interval cannot tell from noise, or too
 * small to matter, is not a regression. The Mann-Whitney test is reported beside it.
 */
public final class Comparer {
    /** The metrics a comparison judges: stages, turn latency per party, the resident leg. */
    public static final Metric[] METRICS = {Metric.TRANSCRIPTION, Metric.INTENT_EXTRACTION, Metric.FUZZY_VALIDATION,
            Metric.AI_PROCESSING, Metric.SYNTHESIS, Metric.TURN_LATENCY_VISITOR, Metric.TURN_LATENCY_RESIDENT,
            Metric.PERCEIVED_LATENCY, Metric.RING_TIME, Metric.RESIDENT_RESPONSE};
    static final double[] PERCENTILES = {50, 95, 99};
    /** 99% two-sided. */
    static final double Z = 2.576;

    private final double minChange;

    /** @param minChange the smallest relative slow-down called a regression, e.g. 0.05 */
    public Comparer(double minChange) {
        this.minChange = minChange;
    }

    public Comparison compare(String baselineLabel, Report baseline, String currentLabel, Report current) {
        List<MetricComparison> metrics = new ArrayList<>();
        for (Metric metric : METRICS) {
            LatencyDistribution a = baseline.aggregate().distribution(metric);
            LatencyDistribution b = current.aggregate().distribution(metric);
            List<PercentileChange> changes = new ArrayList<>();
            for (double p : PERCENTILES) {
                changes.add(DistributionComparison.percentile(a, b, p, Z));
            }
            RankTest rank = DistributionComparison.mannWhitney(a, b);
            metrics.add(new MetricComparison(metric, a.count(), b.count(), changes, rank, verdict(a, b, changes)));
        }
        return new Comparison(baselineLabel, currentLabel, baseline, current, metrics, minChange, 0.99);
    }

    private ChangeVerdict verdict(LatencyDistribution a, LatencyDistribution b, List<PercentileChange> changes) {
        if (a.count() < DistributionComparison.MIN_COUNT || b.count() < DistributionComparison.MIN_COUNT) {
            return ChangeVerdict.INSUFFICIENT_DATA;
        }
        boolean slower = false;
        boolean faster = false;
        for (PercentileChange c : changes) {
            double relative = c.relative();
            boolean large = Double.isNaN(relative) ? c.deltaMs() != 0 : Math.abs(relative) >= minChange;
            slower |= c.significantIncrease() && large;
            faster |= c.significantDecrease() && large;
        }
        if (slower) {
            return ChangeVerdict.REGRESSION;
        }
        return faster ? ChangeVerdict.IMPROVEMENT : ChangeVerdict.NO_CHANGE;
    }
}
