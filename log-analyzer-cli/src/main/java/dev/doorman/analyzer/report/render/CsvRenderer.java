package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.compare.MetricComparison;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.stats.DistributionComparison.PercentileChange;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.StageFigures;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One row per call with its stage figures (count, mean, p95, max per stage), for spreadsheets. A
 * summary-only report has no per-call rows, so it is written as one "all" row of summary figures.
 */
public final class CsvRenderer implements ReportRenderer {
    private static final Metric[] COLUMNS = {Metric.TRANSCRIPTION, Metric.INTENT_EXTRACTION, Metric.FUZZY_VALIDATION,
            Metric.AI_PROCESSING, Metric.SYNTHESIS, Metric.TURN_LATENCY, Metric.TURN_LATENCY_VISITOR,
            Metric.TURN_LATENCY_RESIDENT, Metric.PERCEIVED_LATENCY, Metric.RING_TIME, Metric.RESIDENT_RESPONSE};

    @Override
    public void render(Report report, Writer out) throws IOException {
        StringBuilder header = new StringBuilder("call_id,server,building,start,duration_ms,end_reason,turns,errors,"
                + "barge_ins,dtmf_digits,events_missing,events_dropped,resident_attempts,resident_decision");
        for (Metric m : COLUMNS) {
            String k = m.key();
            header.append(',').append(k).append("_count,").append(k).append("_mean_ms,").append(k)
                    .append("_p95_ms,").append(k).append("_max_ms");
        }
        out.write(header.append('\n').toString());
        List<CallSummary> calls = report.isCallReport() ? List.of(report.call()) : report.callReports();
        if (calls.isEmpty()) {
            StringBuilder row = new StringBuilder("all,").append(quote(report.sources())).append(",,,,,")
                    .append(report.aggregate().turns()).append(',')
                    .append(report.aggregate().errors().total()).append(',')
                    .append(report.aggregate().bargeIns()).append(',')
                    .append(report.aggregate().dtmfDigits()).append(',')
                    .append(report.dataQuality().eventsMissingInGaps()).append(',')
                    .append(report.dataQuality().eventsDroppedByLogger()).append(',')
                    .append(report.aggregate().resident().attempts()).append(',');
            for (Metric m : COLUMNS) {
                figures(row, report.figures(m));
            }
            out.write(row.append('\n').toString());
            return;
        }
        for (CallSummary c : calls) {
            StringBuilder row = new StringBuilder();
            row.append(c.callId()).append(',').append(quote(c.server())).append(',').append(quote(c.building()))
                    .append(',').append(c.start() == null ? "" : c.start().toString()).append(',')
                    .append(number(c.durationMs())).append(',').append(quote(c.endReason())).append(',')
                    .append(c.turns().size()).append(',').append(c.errors().size()).append(',')
                    .append(c.bargeIns()).append(',').append(c.dtmfDigits()).append(',')
                    .append(c.eventsMissing()).append(',').append(c.eventsDropped()).append(',')
                    .append(c.resident().attempts()).append(',').append(quote(c.resident().decision()));
            for (Metric m : COLUMNS) {
                figures(row, c.figures(m));
            }
            out.write(row.append('\n').toString());
        }
    }

    /** One row per metric and percentile: the comparison as a table. */
    @Override
    public void renderComparison(Comparison c, Writer out) throws IOException {
        out.write("metric,percentile,baseline_count,current_count,baseline_ms,current_ms,change_ms,relative_change,"
                + "ci_low_ms,ci_high_ms,mann_whitney_p_slower,probability_current_slower,verdict\n");
        for (MetricComparison m : c.metrics()) {
            for (PercentileChange p : m.percentiles()) {
                boolean both = m.baselineCount() > 0 && m.currentCount() > 0;
                out.write(m.metric().key() + "," + number(p.percentile()) + "," + m.baselineCount() + ","
                        + m.currentCount() + "," + (m.baselineCount() == 0 ? "" : number(p.baselineMs())) + ","
                        + (m.currentCount() == 0 ? "" : number(p.currentMs())) + ","
                        + (both ? number(p.deltaMs()) : "") + "," + (both ? number(p.relative()) : "") + ","
                        + number(p.lowMs()) + "," + number(p.highMs()) + "," + number(m.rankTest().pSlower()) + ","
                        + number(m.rankTest().probabilityCurrentSlower()) + "," + m.verdict().wireName() + "\n");
            }
        }
    }

    private static void figures(StringBuilder row, StageFigures f) {
        row.append(',').append(f.count());
        if (f.isEmpty()) {
            row.append(",,,");
        } else {
            row.append(',').append(number(f.meanMs())).append(',').append(number(f.p95Ms())).append(',')
                    .append(number(f.maxMs()));
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : Double.toString(Numbers.round3(v));
    }

    /** RFC 4180 quoting, and a leading quote for values a spreadsheet would run as a formula. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
