package dev.doorman.analyzer.compare;

import dev.doorman.analyzer.report.Report;
import java.util.List;

/**
 * Two sets of calls side by side (two directories, or two periods): each set's full report and,
 * per metric, what changed. {@code minChange} is the smallest relative change called a regression.
 */
public record Comparison(String baselineLabel, String currentLabel, Report baseline, Report current,
                         List<MetricComparison> metrics, double minChange, double confidence) {

    public boolean regressed() {
        return metrics.stream().anyMatch(m -> m.verdict() == ChangeVerdict.REGRESSION);
    }
}
