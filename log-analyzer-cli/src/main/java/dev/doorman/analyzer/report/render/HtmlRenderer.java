package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.TimelineEntry;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.LatencyDistribution;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file (inline CSS and SVG, no script, no network): per-stage latency
 * histograms, the turn-latency distribution and the slowest call's timeline as a waterfall.
 */
public final class HtmlRenderer implements ReportRenderer {
    private static final int BINS = 30;
    private static final int CHART_W = 420;
    private static final int CHART_H = 120;

    @Override
    public void render(Report report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Aggregate a = report.aggregate();
        String title = report.isCallReport() ? "Call " + report.call().callId() : "Latency report: " + a.calls() + " calls";
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<title>" + esc(title) + "</title><style>");
        out.println("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}"
                + ".charts{display:flex;flex-wrap:wrap;gap:1em}.chart{border:1px solid #ddd;padding:.5em}"
                + ".breach{color:#b00;font-weight:bold}.pass{color:#070}svg text{font-size:10px}");
        out.println("</style></head><body>");
        out.println("<h1>" + esc(title) + "</h1>");
        out.println("<h2>Latency per stage (ms)</h2><table><tr><th>stage</th><th>count</th><th>min</th><th>mean</th>"
                + "<th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th></tr>");
        List<Metric> rows = new ArrayList<>(List.of(Metric.STAGES));
        rows.addAll(List.of(Metric.BREAKDOWN));
        rows.addAll(List.of(Metric.TURN_LATENCY, Metric.PERCEIVED_LATENCY, Metric.CALL_DURATION, Metric.RING_TIME));
        for (Metric m : rows) {
            StageFigures f = report.figures(m);
            out.printf(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td></tr>%n", m.key(), f.count(), cell(f, f.minMs()), cell(f, f.meanMs()),
                    cell(f, f.p50Ms()), cell(f, f.p90Ms()), cell(f, f.p95Ms()), cell(f, f.p99Ms()), cell(f, f.maxMs()));
        }
        out.println("</table>");
        out.println("<h2>Verdicts</h2><ul>");
        for (Verdict v : report.verdicts()) {
            out.printf(Locale.ROOT, "<li class=\"%s\">%s %s %s = %s ms (limit %s ms)</li>%n",
                    v.breached() ? "breach" : "pass", v.status().wireName(), esc(v.metric()), v.figure(),
                    Numbers.ms(v.actualMs()), Numbers.ms(v.limitMs()));
        }
        out.println("</ul>");
        if (!report.suggestions().isEmpty()) {
            out.println("<h2>Suggestions</h2><ul>");
            report.suggestions().forEach(s -> out.println("<li>" + esc(s) + "</li>"));
            out.println("</ul>");
        }
        out.println("<h2>Turn latency distribution</h2><div class=\"charts\">");
        chart(out, "turn latency", a.distribution(Metric.TURN_LATENCY));
        chart(out, "perceived latency", a.distribution(Metric.PERCEIVED_LATENCY));
        out.println("</div><h2>Where turn latency goes</h2><table><tr><th>stage</th><th>share</th></tr>");
        for (Map.Entry<String, Double> e : a.shares().fractions().entrySet()) {
            out.printf(Locale.ROOT, "<tr><td>%s</td><td>%s</td></tr>%n", esc(e.getKey()), Numbers.pct(e.getValue()));
        }
        out.println("</table><h2>Per-stage latency histograms</h2><div class=\"charts\">");
        for (Metric m : Metric.STAGES) {
            chart(out, m.key(), a.distribution(m));
        }
        out.println("</div>");
        waterfall(out, report.slowestCall());
        out.println("<h2>Errors</h2><table><tr><th>type</th><th>pattern</th><th>count</th><th>first seen</th>"
                + "<th>last seen</th><th>examples</th></tr>");
        for (ErrorGroups.Group g : a.errors().groups()) {
            out.printf(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                    esc(g.errorType()), esc(g.pattern()), g.count(), g.firstSeen(), g.lastSeen(),
                    esc(String.join(" ", g.exampleCallIds())));
        }
        out.println("</table><h2>Data quality</h2><ul>");
        out.printf(Locale.ROOT, "<li>%d files, %d lines, %d events read</li>%n", report.dataQuality().filesRead(),
                report.dataQuality().linesRead(), report.dataQuality().eventsRead());
        for (Problem p : Problem.values()) {
            if (report.dataQuality().count(p) > 0) {
                out.printf(Locale.ROOT, "<li>%s: %d (e.g. %s)</li>%n", p.key(), report.dataQuality().count(p),
                        esc(String.join(", ", report.dataQuality().examples(p))));
            }
        }
        out.printf(Locale.ROOT, "<li>events missing in sequence gaps: %d; dropped by the logger: %d</li>%n",
                report.dataQuality().eventsMissingInGaps(), report.dataQuality().eventsDroppedByLogger());
        out.println("</ul></body></html>");
        out.flush();
    }

    private static void chart(PrintWriter out, String name, LatencyDistribution d) {
        long[] bins = d.bins(BINS);
        long max = 1;
        for (long b : bins) {
            max = Math.max(max, b);
        }
        out.printf(Locale.ROOT, "<div class=\"chart\"><b>%s</b> (%d values)<br><svg width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s histogram\">%n", esc(name), d.count(), CHART_W, CHART_H + 20, esc(name));
        double barW = CHART_W / (double) BINS;
        for (int i = 0; i < BINS; i++) {
            double h = bins[i] * (double) CHART_H / max;
            out.printf(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7fb5\">"
                    + "<title>%d</title></rect>%n", i * barW, CHART_H - h, barW - 1, h, bins[i]);
        }
        out.printf(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s ms</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s ms"
                + "</text></svg></div>%n", CHART_H + 14, Numbers.ms(d.minMs()), CHART_W, CHART_H + 14, Numbers.ms(d.maxMs()));
    }

    private static void waterfall(PrintWriter out, CallSummary call) {
        if (call == null || call.timeline() == null || call.timeline().isEmpty()) {
            return;
        }
        double end = 1;
        for (TimelineEntry e : call.timeline()) {
            if (e.elapsedMs() > end) {
                end = e.elapsedMs();
            }
        }
        int rowH = 14;
        int labelW = 230;
        int width = 900;
        int height = rowH * call.timeline().size() + 20;
        out.printf(Locale.ROOT, "<h2>Slowest call: %s (waterfall)</h2>%n", esc(call.callId()));
        out.printf(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"timeline\">%n", width, height);
        double scale = (width - labelW - 10) / end;
        int y = 0;
        for (TimelineEntry e : call.timeline()) {
            String label = e.event() + (e.party() == null ? "" : " " + e.party()) + (e.turn() >= 0 ? " #" + e.turn() : "");
            out.printf(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n", y + 10, esc(label));
            double x = labelW + Math.max(0, e.startMs()) * scale;
            double w = Double.isNaN(e.durationMs()) ? 2 : Math.max(2, e.durationMs() * scale);
            String color = e.event().startsWith("ERROR") ? "#c33" : Double.isNaN(e.durationMs()) ? "#888" : "#e59c2e";
            out.printf(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s at %s ms%s"
                            + "</title></rect>%n", x, y + 2, w, rowH - 4, color, esc(e.event()), Numbers.ms(e.elapsedMs()),
                    Double.isNaN(e.durationMs()) ? "" : ", took " + Numbers.ms(e.durationMs()) + " ms");
            y += rowH;
        }
        out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0 ms</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s ms</text>"
                + "</svg>%n", labelW, height - 4, width - 10, height - 4, Numbers.ms(end));
    }

    private static String cell(StageFigures f, double v) {
        return f.isEmpty() ? "-" : Numbers.ms(v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
