package dev.doorman.analyzer.compare;

import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.stats.DistributionComparison.PercentileChange;
import dev.doorman.analyzer.stats.DistributionComparison.RankTest;
import java.util.List;

/** One metric in both sets: its p50/p95/p99 changes, the rank test and the verdict. */
public record MetricComparison(Metric metric, long baselineCount, long currentCount,
                               List<PercentileChange> percentiles, RankTest rankTest, ChangeVerdict verdict) {
}
