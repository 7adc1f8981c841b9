package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.compare.ChangeVerdict;
import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.compare.MetricComparison;
import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.ErrorOccurrence;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.SlowTurn;
import dev.doorman.analyzer.model.TurnFigures;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One self-contained HTML file (inline CSS, SVG and a few lines of script to sort tables; nothing
 * from the network): the report's window at the top, figures not measured shown neutral with
 * their cause, per-stage distributions with p50/p95/p99 markers, turn latency over time, the
 * resident leg, the breakdown, the slowest calls and turns (sortable, each call linking to its
 * waterfall), waterfalls grouped by turn, errors and data quality; with {@code --all}, every call.
 */
public final class HtmlRenderer implements ReportRenderer {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 2em 3em;color:#222;max-width:1400px}"
            + "header{border-bottom:2px solid #ddd;margin-bottom:1em}header p{color:#555;margin:.2em 0 .8em}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}"
            + "td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f4f4f4}"
            + "th:first-child,td:first-child{text-align:left}table.sortable th{cursor:pointer}"
            + "table.sortable th:after{content:' \\2195';color:#aaa}"
            + ".chart{margin:0 0 1.5em}.chart svg{width:100%;height:auto;display:block}"
            + "figcaption{font-weight:600;margin:.3em 0}svg text{font-size:12px;fill:#333}"
            + ".axis{stroke:#555}.tick{stroke:#555}.grid{stroke:#eee}.bar{fill:#4a7fb5}.nodata{fill:#888;text-anchor:middle}"
            + ".stage{fill:#e59c2e}.point{fill:#888}.error{fill:#c33}text.group{font-weight:700}"
            + ".notice{padding:.6em 1em;border-radius:4px;margin:.5em 0}.neutral{background:#f1f3f5;color:#444}"
            + ".breach,.regression{color:#b00;font-weight:600}.pass,.improvement{color:#070}.no_data,.no_change,"
            + ".insufficient_data{color:#666}nav a{margin-right:1em}details{margin:.3em 0}";
    private static final String SCRIPT = "(function(){window.addEventListener('error',function(e){"
            + "document.body.setAttribute('data-errors',String(e.message));});"
            + "function key(td){var t=td.getAttribute('data-sort')||td.textContent.trim();"
            + "var n=parseFloat(t.replace(/[^0-9.eE+-]/g,''));return /^[-+]?[0-9.]/.test(t)&&!isNaN(n)?n:t;}"
            + "document.querySelectorAll('table.sortable').forEach(function(table){"
            + "table.querySelectorAll('th').forEach(function(th,col){var asc=false;th.addEventListener('click',function(){"
            + "asc=!asc;var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);"
            + "rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);"
            + "var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return asc?c:-c;});"
            + "rows.forEach(function(r){body.appendChild(r);});});});});"
            + "document.body.setAttribute('data-ready','1');})();";

    @Override
    public void render(Report report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Aggregate a = report.aggregate();
        String title = report.isCallReport() ? "Call " + report.call().callId() : "Latency report: " + a.calls() + " calls";
        head(out, title);
        out.printf(Locale.ROOT, "<header><h1>%s</h1><p id=\"window\">", esc(title));
        if (report.isCallReport()) {
            CallSummary c = report.call();
            out.printf(Locale.ROOT, "Started %s, lasted %s ms, ended: %s, %d events · %s", c.start(), Numbers.ms(c.durationMs()),
                    esc(c.endReason() == null ? "(no CALL_ENDED)" : c.endReason()), c.events(), esc(report.sources()));
        } else {
            out.printf(Locale.ROOT, "Calls started <b>%s</b> .. <b>%s</b> (UTC) · window %s .. %s · from %s",
                    a.firstCallStart(), a.lastCallStart(),
                    report.window().since() == null ? "(open)" : report.window().since(),
                    report.window().until() == null ? "(open)" : report.window().until(), esc(report.sources()));
        }
        out.println("</p></header>");
        noDataNotice(out, report.verdicts());
        out.println("<nav><a href=\"#stages\">stages</a><a href=\"#distributions\">distributions</a>"
                + (report.isCallReport() ? "" : "<a href=\"#over-time\">over time</a><a href=\"#slowest\">slowest</a>")
                + "<a href=\"#resident\">resident</a><a href=\"#waterfalls\">waterfalls</a><a href=\"#errors\">errors</a>"
                + "<a href=\"#data-quality\">data quality</a>"
                + (report.callReports().isEmpty() ? "" : "<a href=\"#calls\">every call</a>") + "</nav>");
        out.println("<section id=\"stages\"><h2>Latency per stage (ms)</h2>");
        stageTable(out, "stage-table", report::figures, false);
        out.println("<h3>Thresholds</h3><ul id=\"verdicts\">");
        for (Verdict v : report.verdicts()) {
            out.printf(Locale.ROOT, "<li class=\"%s\">%s %s %s = %s ms (limit %s ms)%s</li>%n", v.status().wireName(),
                    v.status().wireName(), esc(v.metric()), v.figure(), Numbers.ms(v.actualMs()), Numbers.ms(v.limitMs()),
                    v.status() == Verdict.Status.NO_DATA ? " — " + esc(NoData.cause(v)) : "");
        }
        out.println("</ul>");
        if (!report.suggestions().isEmpty()) {
            out.println("<h3>Suggestions</h3><ul id=\"suggestions\">");
            report.suggestions().forEach(s -> out.println("<li>" + esc(s) + "</li>"));
            out.println("</ul>");
        }
        out.println("<h3>Where turn latency goes</h3><table id=\"shares\"><tr><th>stage</th><th>share</th></tr>");
        for (Map.Entry<String, Double> e : a.shares().fractions().entrySet()) {
            out.printf(Locale.ROOT, "<tr><td>%s%s</td><td>%s</td></tr>%n", esc(e.getKey()),
                    e.getKey().equals(a.shares().bottleneck()) ? " (bottleneck)" : "", Numbers.pct(e.getValue()));
        }
        out.println("</table></section>");
        out.println("<section id=\"distributions\"><h2>Distributions</h2>");
        for (Metric m : new Metric[] {Metric.TURN_LATENCY_VISITOR, Metric.TURN_LATENCY_RESIDENT, Metric.PERCEIVED_LATENCY,
                Metric.TRANSCRIPTION, Metric.INTENT_EXTRACTION, Metric.FUZZY_VALIDATION, Metric.AI_PROCESSING,
                Metric.SYNTHESIS, Metric.RING_TIME, Metric.RESIDENT_RESPONSE}) {
            SvgCharts.histogram(out, "hist-" + m.key().replace('.', '-').replace('_', '-'), m.key(), a.distribution(m));
        }
        out.println("</section>");
        if (!report.isCallReport()) {
            out.println("<section id=\"over-time\"><h2>Latency over time</h2>");
            SvgCharts.trend(out, a.overTime());
            out.println("</section>");
        }
        resident(out, a);
        if (a.breakdown() != null) {
            out.printf(Locale.ROOT, "<section id=\"by\"><h2>%s</h2><table class=\"sortable\" id=\"by-table\"><thead><tr>"
                    + "<th>%s</th>", esc(Labels.breakdownTitle(a.breakdown())), a.breakdown().dimension().wireName());
            for (String h : Labels.BREAKDOWN_HEADER) {
                out.print("<th>" + esc(h) + "</th>");
            }
            out.println("</tr></thead><tbody>");
            for (Map.Entry<String, GroupFigures> e : a.breakdown().groups().entrySet()) {
                out.print("<tr><td>" + esc(e.getKey()) + "</td>");
                for (String cell : Labels.breakdownCells(e.getValue())) {
                    out.print("<td>" + esc(cell) + "</td>");
                }
                out.println("</tr>");
            }
            out.println("</tbody></table></section>");
        }
        Set<String> withWaterfall = new HashSet<>();
        report.waterfalls().forEach(c -> withWaterfall.add(c.callId()));
        if (report.isCallReport()) {
            out.println("<section id=\"turns\"><h2>Turns</h2>");
            turnTable(out, "turn-table", null, report.call().turns(), withWaterfall);
            out.println("</section>");
        } else {
            out.println("<section id=\"slowest\"><h2>Slowest calls</h2><table class=\"sortable\" id=\"slowest-calls\"><thead><tr>"
                    + "<th>call</th><th>server</th><th>start</th><th>worst turn (ms)</th><th>duration (ms)</th><th>turns</th>"
                    + "<th>errors</th></tr></thead><tbody>");
            for (CallSummary c : a.slowestCalls().sorted()) {
                out.printf(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%d</td></tr>%n",
                        callLink(c.callId(), withWaterfall), esc(c.server()), c.start(), Numbers.ms(c.worstTurnLatencyMs()),
                        Numbers.ms(c.durationMs()), c.turns().size(), c.errors().size());
            }
            out.println("</tbody></table><h2>Slowest turns</h2>");
            turnTable(out, "slowest-turns", a.slowestTurns().sorted(), null, withWaterfall);
            out.println("</section>");
        }
        out.println("<section id=\"waterfalls\"><h2>Waterfalls</h2>");
        if (report.waterfalls().isEmpty()) {
            out.println("<p class=\"notice neutral\">No call timeline to draw.</p>");
        }
        for (CallSummary c : report.waterfalls()) {
            out.printf(Locale.ROOT, "<div class=\"chart\" id=\"call-%s\"><h3>%s — worst turn %s ms, %s ms long</h3>%n",
                    c.callId(), c.callId(), Numbers.ms(c.worstTurnLatencyMs()), Numbers.ms(c.durationMs()));
            SvgCharts.waterfall(out, c);
            out.println("</div>");
        }
        out.println("</section>");
        errors(out, a.errors());
        dataQuality(out, report.dataQuality());
        if (!report.callReports().isEmpty()) {
            callReports(out, report.callReports(), withWaterfall);
        }
        tail(out);
    }

    @Override
    public void renderComparison(Comparison c, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        String title = "Comparison: " + (c.regressed() ? "regression" : "no regression");
        head(out, title);
        out.printf(Locale.ROOT, "<header><h1 class=\"%s\">%s</h1><p id=\"window\">Baseline <b>%s</b> (%d calls) vs current "
                + "<b>%s</b> (%d calls). A regression: a percentile slower by at least %s with its %.0f%% confidence interval "
                + "above zero. Changes are current − baseline in ms, interval in brackets.</p></header>%n",
                c.regressed() ? "regression" : "no_change", esc(title), esc(c.baselineLabel()), c.baseline().aggregate().calls(),
                esc(c.currentLabel()), c.current().aggregate().calls(), Numbers.pct(c.minChange()), c.confidence() * 100);
        out.println("<table class=\"sortable\" id=\"comparison\"><thead><tr>");
        for (String h : Labels.COMPARISON_HEADER) {
            out.print("<th>" + esc(h) + "</th>");
        }
        out.println("</tr></thead><tbody>");
        for (MetricComparison m : c.metrics()) {
            List<String> cells = Labels.comparisonCells(m);
            out.print("<tr class=\"" + m.verdict().wireName() + "\">");
            for (String cell : cells) {
                out.print("<td>" + esc(cell) + "</td>");
            }
            out.println("</tr>");
        }
        out.println("</tbody></table><div class=\"chart\">");
        for (MetricComparison m : c.metrics()) {
            if (m.verdict() == ChangeVerdict.REGRESSION || m.verdict() == ChangeVerdict.IMPROVEMENT) {
                SvgCharts.histogram(out, "base-" + m.metric().key().replace('.', '-'), m.metric().key() + " (baseline)",
                        c.baseline().aggregate().distribution(m.metric()));
                SvgCharts.histogram(out, "cur-" + m.metric().key().replace('.', '-'), m.metric().key() + " (current)",
                        c.current().aggregate().distribution(m.metric()));
            }
        }
        out.println("</div>");
        tail(out);
    }

    private static void head(PrintWriter out, String title) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        out.println("<title>" + esc(title) + "</title><style>" + STYLE + "</style></head><body data-ready=\"0\">");
    }

    private static void tail(PrintWriter out) {
        out.println("<script>" + SCRIPT + "</script></body></html>");
        out.flush();
    }

    /** Figures that were not measured, with their cause, before anything else: absent data is not a failure. */
    private static void noDataNotice(PrintWriter out, List<Verdict> verdicts) {
        StringBuilder items = new StringBuilder();
        for (Verdict v : verdicts) {
            if (v.status() == Verdict.Status.NO_DATA) {
                items.append("<li>").append(esc(v.metric())).append(": ").append(esc(NoData.cause(v))).append("</li>");
            }
        }
        if (items.length() > 0) {
            out.println("<div class=\"notice neutral\" id=\"no-data\">Not measured (no_data, not a failure):<ul>" + items
                    + "</ul></div>");
        }
    }

    private static void stageTable(PrintWriter out, String id, Function<Metric, StageFigures> figures, boolean skipEmpty) {
        out.printf(Locale.ROOT, "<table class=\"sortable\" id=\"%s\"><thead><tr><th>metric</th><th>count</th><th>min</th>"
                + "<th>mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th></tr></thead><tbody>%n", id);
        for (Metric m : Labels.ROWS) {
            StageFigures f = figures.apply(m);
            if (skipEmpty && f.isEmpty()) {
                continue;
            }
            out.printf(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td></tr>%n", m.key(), f.count(), cell(f, f.minMs()), cell(f, f.meanMs()),
                    cell(f, f.p50Ms()), cell(f, f.p90Ms()), cell(f, f.p95Ms()), cell(f, f.p99Ms()), cell(f, f.maxMs()));
        }
        out.println("</tbody></table>");
    }

    private static void turnTable(PrintWriter out, String id, List<SlowTurn> slow, List<TurnFigures> turns,
                                  Set<String> withWaterfall) {
        out.printf(Locale.ROOT, "<table class=\"sortable\" id=\"%s\"><thead><tr>%s<th>party</th><th>turn</th><th>latency (ms)</th>"
                + "<th>perceived (ms)</th><th>stt</th><th>ai</th><th>tts</th><th>other</th><th>bottleneck</th></tr></thead>"
                + "<tbody>%n", id, slow != null ? "<th>call</th>" : "");
        if (slow != null) {
            for (SlowTurn t : slow) {
                turnRow(out, callLink(t.callId(), withWaterfall), t.turn());
            }
        } else {
            for (TurnFigures t : turns) {
                turnRow(out, null, t);
            }
        }
        out.println("</tbody></table>");
    }

    private static void turnRow(PrintWriter out, String call, TurnFigures t) {
        out.printf(Locale.ROOT, "<tr>%s<td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                        + "<td>%s</td></tr>%n", call == null ? "" : "<td>" + call + "</td>", t.party(), t.turn(),
                Numbers.ms(t.latencyMs()), Numbers.ms(t.perceivedMs()), Numbers.ms(t.transcriptionMs()),
                Numbers.ms(t.aiMs()), Numbers.ms(t.synthesisMs()), Numbers.ms(t.otherMs()),
                t.answered() ? t.bottleneck() : "unanswered");
    }

    private static String callLink(String callId, Set<String> withWaterfall) {
        return withWaterfall.contains(callId) ? "<a href=\"#call-" + esc(callId) + "\">" + esc(callId) + "</a>" : esc(callId);
    }

    private static void resident(PrintWriter out, Aggregate a) {
        out.println("<section id=\"resident\"><h2>Resident leg</h2>");
        String line = Labels.residentLine(a.resident());
        if (line == null) {
            out.println("<p class=\"notice neutral\">No call reached for a resident (no CALL_MORADOR or AUTHORIZATION).</p>");
        } else {
            out.println("<p>" + esc(line) + ".</p><table id=\"decisions\"><thead><tr><th>decision</th><th>calls</th></tr>"
                    + "</thead><tbody>");
            a.resident().decisions().forEach((k, v) -> out.printf(Locale.ROOT, "<tr><td>%s</td><td>%d</td></tr>%n", esc(k), v));
            out.println("</tbody></table>");
        }
        out.println("</section>");
    }

    private static void errors(PrintWriter out, ErrorGroups errors) {
        out.println("<section id=\"errors\"><h2>Errors</h2><table class=\"sortable\" id=\"error-table\"><thead><tr><th>type</th>"
                + "<th>pattern</th><th>count</th><th>first seen</th><th>last seen</th><th>examples</th></tr></thead><tbody>");
        for (ErrorGroups.Group g : errors.groups()) {
            out.printf(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                    esc(g.errorType()), esc(g.pattern()), g.count(), g.firstSeen(), g.lastSeen(),
                    esc(String.join(" ", g.exampleCallIds())));
        }
        out.println("</tbody></table></section>");
    }

    private static void dataQuality(PrintWriter out, DataQuality q) {
        out.println("<section id=\"data-quality\"><h2>Data quality</h2><ul>");
        out.printf(Locale.ROOT, "<li>%d files, %d lines, %d events read</li>%n", q.filesRead(), q.linesRead(), q.eventsRead());
        for (Problem p : Problem.values()) {
            if (q.count(p) > 0) {
                out.printf(Locale.ROOT, "<li>%s: %d (e.g. %s)</li>%n", p.key(), q.count(p),
                        esc(String.join(", ", q.examples(p))));
            }
        }
        out.printf(Locale.ROOT, "<li>events missing in sequence gaps: %d; dropped by the logger: %d</li>%n",
                q.eventsMissingInGaps(), q.eventsDroppedByLogger());
        out.println("</ul></section>");
    }

    private static void callReports(PrintWriter out, List<CallSummary> calls, Set<String> withWaterfall) {
        out.printf(Locale.ROOT, "<section id=\"calls\"><h2>Every call (%d)</h2><table class=\"sortable\" id=\"call-table\">"
                + "<thead><tr><th>call</th><th>server</th><th>building</th><th>start</th><th>duration (ms)</th>"
                + "<th>worst turn (ms)</th><th>turns</th><th>errors</th><th>resident decision</th><th>end</th></tr></thead>"
                + "<tbody>%n", calls.size());
        for (CallSummary c : calls) {
            out.printf(Locale.ROOT, "<tr><td><a href=\"#report-%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    + "<td>%s</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td></tr>%n", esc(c.callId()), esc(c.callId()),
                    esc(c.server()), esc(c.building()), c.start(), Numbers.ms(c.durationMs()),
                    Numbers.ms(c.worstTurnLatencyMs()), c.turns().size(), c.errors().size(),
                    esc(c.resident().decision()), esc(c.endReason()));
        }
        out.println("</tbody></table>");
        for (CallSummary c : calls) {
            out.printf(Locale.ROOT, "<details class=\"call-report\" id=\"report-%s\"><summary>%s — %s ms, %d turns%s</summary>%n",
                    esc(c.callId()), esc(c.callId()), Numbers.ms(c.durationMs()), c.turns().size(),
                    withWaterfall.contains(c.callId()) ? " (<a href=\"#call-" + esc(c.callId()) + "\">waterfall</a>)" : "");
            stageTable(out, "stages-" + c.callId(), c::figures, true);
            turnTable(out, "turns-" + c.callId(), null, c.turns(), withWaterfall);
            for (ErrorOccurrence e : c.errors()) {
                out.printf(Locale.ROOT, "<p class=\"breach\">error at %s ms: %s: %s</p>%n", Numbers.ms(e.elapsedMs()),
                        esc(e.errorType()), esc(e.message()));
            }
            out.println("</details>");
        }
        out.println("</section>");
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
