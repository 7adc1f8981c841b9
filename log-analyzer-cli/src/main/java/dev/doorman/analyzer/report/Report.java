package dev.doorman.analyzer.report;

import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.util.List;

/**
 * A finished report, what every renderer draws. {@code call} is set for a one-call report
 * ({@code --call-id}); {@code callReports} holds every call for {@code --all} without
 * {@code --summary} (empty otherwise); {@code waterfalls} are the slowest calls with their
 * timelines (the one call, for a call report), slowest first; {@code sources} names the
 * directories read.
 */
public record Report(Aggregate aggregate, CallSummary call, List<CallSummary> callReports, List<CallSummary> waterfalls,
                     DataQuality dataQuality, TimeWindow window, List<Verdict> verdicts, List<String> suggestions,
                     String sources) {

    public boolean isCallReport() {
        return call != null;
    }

    /** Exact figures for a one-call report, histogram figures for a summary. */
    public StageFigures figures(Metric metric) {
        return call != null ? call.figures(metric) : aggregate.distribution(metric).figures();
    }

    public boolean breached() {
        return verdicts.stream().anyMatch(Verdict::breached);
    }
}
