package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.compare.MetricComparison;
import dev.doorman.analyzer.model.Breakdown;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.ResidentCounts;
import dev.doorman.analyzer.stats.DistributionComparison.PercentileChange;
import dev.doorman.analyzer.stats.StageFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows every text-like format shows the same way (text, Markdown, HTML): the metric rows of
 * the stage table, the breakdown and comparison columns, the resident leg in words.
 */
final class Labels {
    /** Every latency row of the stage table, in order: stages, splits, then the call-level figures. */
    static final List<Metric> ROWS;

    static {
        List<Metric> rows = new ArrayList<>(List.of(Metric.STAGES));
        rows.addAll(List.of(Metric.BREAKDOWN));
        rows.addAll(List.of(Metric.TURN_LATENCY, Metric.PERCEIVED_LATENCY, Metric.CALL_DURATION, Metric.RING_TIME,
                Metric.RESIDENT_RESPONSE));
        ROWS = List.copyOf(rows);
    }

    static final String[] BREAKDOWN_HEADER = {"calls", "visitor turn p50", "visitor turn p95", "resident turn p95",
        "stt p95", "ai p95", "tts p95", "ring p50", "response p50", "calls w/ errors", "authorized"};
    static final String[] COMPARISON_HEADER = {"metric", "n (base/cur)", "p50 base", "p50 cur", "p50 change",
        "p95 base", "p95 cur", "p95 change", "p99 base", "p99 cur", "p99 change", "P(cur slower)", "MW p", "verdict"};

    private Labels() {
    }

    /** One breakdown row's cells after the group name. */
    static List<String> breakdownCells(GroupFigures g) {
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(g.calls()));
        cells.add(figure(g.figures(Metric.TURN_LATENCY_VISITOR), StageFigures::p50Ms));
        cells.add(figure(g.figures(Metric.TURN_LATENCY_VISITOR), StageFigures::p95Ms));
        cells.add(figure(g.figures(Metric.TURN_LATENCY_RESIDENT), StageFigures::p95Ms));
        cells.add(figure(g.figures(Metric.TRANSCRIPTION), StageFigures::p95Ms));
        cells.add(figure(g.figures(Metric.AI_PROCESSING), StageFigures::p95Ms));
        cells.add(figure(g.figures(Metric.SYNTHESIS), StageFigures::p95Ms));
        cells.add(figure(g.figures(Metric.RING_TIME), StageFigures::p50Ms));
        cells.add(figure(g.figures(Metric.RESIDENT_RESPONSE), StageFigures::p50Ms));
        cells.add(Long.toString(g.callsWithErrors()));
        cells.add(g.decided() == 0 ? "-" : g.authorized() + "/" + g.decided());
        return cells;
    }

    static String breakdownTitle(Breakdown b) {
        return "By " + b.dimension().wireName() + " (ms; percentiles within 1%)";
    }

    /** One comparison row's cells. */
    static List<String> comparisonCells(MetricComparison m) {
        List<String> cells = new ArrayList<>();
        cells.add(m.metric().key());
        cells.add(m.baselineCount() + "/" + m.currentCount());
        for (PercentileChange c : m.percentiles()) {
            cells.add(m.baselineCount() == 0 ? "-" : Numbers.ms(c.baselineMs()));
            cells.add(m.currentCount() == 0 ? "-" : Numbers.ms(c.currentMs()));
            cells.add(change(c, m.baselineCount() > 0 && m.currentCount() > 0));
        }
        cells.add(Double.isNaN(m.rankTest().probabilityCurrentSlower()) ? "-"
                : String.format(Locale.ROOT, "%.2f", m.rankTest().probabilityCurrentSlower()));
        cells.add(Double.isNaN(m.rankTest().pSlower()) ? "-" : pValue(m.rankTest().pSlower()));
        cells.add(m.verdict().wireName());
        return cells;
    }

    /** "+12.0 ms (+8.1%) [3.1, 20.9]": the change, relative change and its confidence interval. */
    static String change(PercentileChange c, boolean both) {
        if (!both) {
            return "-";
        }
        String relative = Double.isNaN(c.relative()) ? "" : String.format(Locale.ROOT, " (%+.1f%%)", c.relative() * 100);
        String interval = Double.isInfinite(c.lowMs()) ? " [n too small]"
                : String.format(Locale.ROOT, " [%+.1f, %+.1f]", c.lowMs(), c.highMs());
        return String.format(Locale.ROOT, "%+.1f", c.deltaMs()) + relative + interval;
    }

    static String pValue(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** The resident leg in one paragraph of words, or null when no call reached for a resident. */
    static String residentLine(ResidentCounts r) {
        if (r.calls() == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d calls reached for a resident: %d attempts, %d answered (%d calls)",
                r.calls(), r.attempts(), r.connected(), r.callsConnected()));
        s.append("; decisions: ").append(counts(r.decisions()));
        s.append("; decided by: ").append(counts(r.decidedBy()));
        s.append("; no answer: ").append(counts(r.noAnswerReasons()));
        s.append("; door: ").append(counts(r.doorStatus()));
        return s.toString();
    }

    static String counts(Map<String, Long> map) {
        if (map.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static String figure(StageFigures f, java.util.function.ToDoubleFunction<StageFigures> pick) {
        return f.isEmpty() ? "-" : Numbers.ms(pick.applyAsDouble(f));
    }
}
