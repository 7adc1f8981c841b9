package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.compare.MetricComparison;
import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.ErrorOccurrence;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.SlowTurn;
import dev.doorman.analyzer.model.TurnFigures;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

/** The report as Markdown tables, for issues, wikis and chat. */
public final class MarkdownRenderer implements ReportRenderer {

    @Override
    public void render(Report report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Aggregate a = report.aggregate();
        if (report.isCallReport()) {
            out.printf(Locale.ROOT, "# Call %s%n%n", report.call().callId());
        } else {
            out.printf(Locale.ROOT, "# Latency report: %d calls%n%n", a.calls());
            out.printf(Locale.ROOT, "From %s; calls started %s .. %s; window %s .. %s.%n%n", escape(report.sources()),
                    a.firstCallStart(), a.lastCallStart(),
                    report.window().since() == null ? "(open)" : report.window().since(),
                    report.window().until() == null ? "(open)" : report.window().until());
        }
        out.println("## Latency per stage (ms)");
        out.println();
        out.println("| stage | count | min | mean | p50 | p90 | p95 | p99 | max |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Metric m : Labels.ROWS) {
            boolean callLevel = m == Metric.TURN_LATENCY || m == Metric.PERCEIVED_LATENCY || m == Metric.CALL_DURATION
                    || m == Metric.RING_TIME || m == Metric.RESIDENT_RESPONSE;
            row(out, callLevel ? "**" + m.key() + "**" : m.key(), report.figures(m));
        }
        out.println();
        out.println("## Where turn latency goes");
        out.println();
        out.println("| stage | share |");
        out.println("| --- | ---: |");
        for (Map.Entry<String, Double> e : a.shares().fractions().entrySet()) {
            out.printf(Locale.ROOT, "| %s%s | %s |%n", e.getKey(),
                    e.getKey().equals(a.shares().bottleneck()) ? " (bottleneck)" : "", Numbers.pct(e.getValue()));
        }
        out.printf(Locale.ROOT, "%nBarge-ins: %d, DTMF digits: %d, calls with errors: %d.%n%n", a.bargeIns(),
                a.dtmfDigits(), a.callsWithErrors());
        out.println("## Resident leg");
        out.println();
        String resident = Labels.residentLine(a.resident());
        out.println(resident == null ? "No call reached for a resident." : resident + ".");
        out.println();
        if (a.breakdown() != null) {
            out.println("## " + Labels.breakdownTitle(a.breakdown()));
            out.println();
            out.println("| " + a.breakdown().dimension().wireName() + " | " + String.join(" | ", Labels.BREAKDOWN_HEADER) + " |");
            out.println("| --- |" + " ---: |".repeat(Labels.BREAKDOWN_HEADER.length));
            for (Map.Entry<String, GroupFigures> e : a.breakdown().groups().entrySet()) {
                out.println("| " + escape(e.getKey()) + " | " + String.join(" | ", Labels.breakdownCells(e.getValue())) + " |");
            }
            out.println();
        }
        out.println("## Thresholds");
        out.println();
        for (Verdict v : report.verdicts()) {
            out.printf(Locale.ROOT, "- **%s** %s %s = %s ms (limit %s ms)%s%n", v.status().wireName(), v.metric(),
                    v.figure(), Numbers.ms(v.actualMs()), Numbers.ms(v.limitMs()),
                    v.status() == Verdict.Status.NO_DATA ? " (" + NoData.cause(v) + ")" : "");
        }
        if (!report.suggestions().isEmpty()) {
            out.println();
            out.println("## Suggestions");
            out.println();
            report.suggestions().forEach(s -> out.println("- " + s));
        }
        out.println();
        out.println(report.isCallReport() ? "## Turns" : "## Slowest turns");
        out.println();
        out.println("| call | party | turn | latency | perceived | stt | ai | tts | other | bottleneck |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        if (report.isCallReport()) {
            for (TurnFigures t : report.call().turns()) {
                turn(out, report.call().callId(), t);
            }
        } else {
            for (SlowTurn t : a.slowestTurns().sorted()) {
                turn(out, t.callId(), t.turn());
            }
            out.println();
            out.println("## Slowest calls");
            out.println();
            for (CallSummary c : a.slowestCalls().sorted()) {
                out.printf(Locale.ROOT, "- `%s`: worst turn %s ms, duration %s ms%n", c.callId(),
                        Numbers.ms(c.worstTurnLatencyMs()), Numbers.ms(c.durationMs()));
            }
        }
        out.println();
        out.println("## Errors");
        out.println();
        for (ErrorGroups.Group g : a.errors().groups()) {
            out.printf(Locale.ROOT, "- %d x `%s`%s: %s (first %s, last %s; e.g. %s)%n", g.count(), g.errorType(),
                    g.stage() == null ? "" : " in " + g.stage(), escape(g.pattern()), g.firstSeen(), g.lastSeen(),
                    String.join(", ", g.exampleCallIds()));
        }
        out.println();
        out.println("## Data quality");
        out.println();
        out.printf(Locale.ROOT, "%d files, %d lines, %d events read.%n%n", report.dataQuality().filesRead(),
                report.dataQuality().linesRead(), report.dataQuality().eventsRead());
        for (Problem p : Problem.values()) {
            long n = report.dataQuality().count(p);
            if (n > 0) {
                out.printf(Locale.ROOT, "- %s: %d (e.g. %s)%n", p.key(), n,
                        escape(String.join(", ", report.dataQuality().examples(p))));
            }
        }
        out.printf(Locale.ROOT, "- events missing in gaps: %d, dropped by the logger: %d%n",
                report.dataQuality().eventsMissingInGaps(), report.dataQuality().eventsDroppedByLogger());
        if (!report.callReports().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "## Call reports (%d)%n", report.callReports().size());
            for (CallSummary c : report.callReports()) {
                callReport(out, c);
            }
        }
        out.flush();
    }

    @Override
    public void renderComparison(Comparison c, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        out.printf(Locale.ROOT, "# Comparison: %s%n%n", c.regressed() ? "REGRESSION" : "no regression");
        out.printf(Locale.ROOT, "Baseline %s (%d calls) vs current %s (%d calls). A regression is a percentile slower by "
                + "at least %s with its %.0f%% confidence interval above zero; changes are current minus baseline, "
                + "in ms, with the interval in brackets.%n%n", escape(c.baselineLabel()),
                c.baseline().aggregate().calls(), escape(c.currentLabel()), c.current().aggregate().calls(),
                Numbers.pct(c.minChange()), c.confidence() * 100);
        out.println("| " + String.join(" | ", Labels.COMPARISON_HEADER) + " |");
        out.println("| --- |" + " ---: |".repeat(Labels.COMPARISON_HEADER.length - 2) + " --- |");
        for (MetricComparison m : c.metrics()) {
            out.println("| " + String.join(" | ", Labels.comparisonCells(m)) + " |");
        }
        out.flush();
    }

    private static void callReport(PrintWriter out, CallSummary c) {
        out.println();
        out.printf(Locale.ROOT, "### Call `%s`%n%n", c.callId());
        out.printf(Locale.ROOT, "Server %s%s; started %s, lasted %s ms, ended: %s, %d events.%n%n", escape(c.server()),
                c.building() == null ? "" : ", building " + escape(c.building()), c.start(), Numbers.ms(c.durationMs()),
                c.endReason() == null ? "(no CALL_ENDED)" : c.endReason(), c.events());
        out.println("| stage | count | min | mean | p50 | p90 | p95 | p99 | max |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Metric m : Labels.ROWS) {
            if (!c.figures(m).isEmpty()) {
                row(out, m.key(), c.figures(m));
            }
        }
        if (!c.turns().isEmpty()) {
            out.println();
            out.println("| call | party | turn | latency | perceived | stt | ai | tts | other | bottleneck |");
            out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            for (TurnFigures t : c.turns()) {
                turn(out, c.callId(), t);
            }
        }
        if (c.resident().present()) {
            out.printf(Locale.ROOT, "%nResident: %d attempts, %d answered, decision %s%s, door %s.%n", c.resident().attempts(),
                    c.resident().connected(), c.resident().decision(),
                    c.resident().decidedBy() == null ? "" : " by " + c.resident().decidedBy(), c.resident().doorStatus());
        }
        for (ErrorOccurrence e : c.errors()) {
            out.printf(Locale.ROOT, "%n- error at %s ms: `%s`: %s%n", Numbers.ms(e.elapsedMs()), e.errorType(),
                    escape(e.message()));
        }
    }

    private static void row(PrintWriter out, String name, StageFigures f) {
        out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", name, f.count(),
                f.isEmpty() ? "-" : Numbers.ms(f.minMs()), f.isEmpty() ? "-" : Numbers.ms(f.meanMs()),
                f.isEmpty() ? "-" : Numbers.ms(f.p50Ms()), f.isEmpty() ? "-" : Numbers.ms(f.p90Ms()),
                f.isEmpty() ? "-" : Numbers.ms(f.p95Ms()), f.isEmpty() ? "-" : Numbers.ms(f.p99Ms()),
                f.isEmpty() ? "-" : Numbers.ms(f.maxMs()));
    }

    private static void turn(PrintWriter out, String callId, TurnFigures t) {
        out.printf(Locale.ROOT, "| `%s` | %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", callId, t.party(), t.turn(),
                Numbers.ms(t.latencyMs()), Numbers.ms(t.perceivedMs()), Numbers.ms(t.transcriptionMs()),
                Numbers.ms(t.aiMs()), Numbers.ms(t.synthesisMs()), Numbers.ms(t.otherMs()),
                t.answered() ? t.bottleneck() : "unanswered");
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("|", "\\|").replace("<", "&lt;");
    }
}
