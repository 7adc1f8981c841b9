package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.model.Aggregate;
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
        }
        out.println("## Latency per stage (ms)");
        out.println();
        out.println("| stage | count | min | mean | p50 | p90 | p95 | p99 | max |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Metric m : Metric.STAGES) {
            row(out, m.key(), report.figures(m));
        }
        for (Metric m : Metric.BREAKDOWN) {
            row(out, m.key(), report.figures(m));
        }
        for (Metric m : new Metric[] {Metric.TURN_LATENCY, Metric.PERCEIVED_LATENCY, Metric.CALL_DURATION,
                Metric.RING_TIME}) {
            row(out, "**" + m.key() + "**", report.figures(m));
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
        out.println("## Thresholds");
        out.println();
        for (Verdict v : report.verdicts()) {
            out.printf(Locale.ROOT, "- **%s** %s %s = %s ms (limit %s ms)%n", v.status().wireName(), v.metric(),
                    v.figure(), Numbers.ms(v.actualMs()), Numbers.ms(v.limitMs()));
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
        out.flush();
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
        return s.replace("|", "\\|").replace("<", "&lt;");
    }
}
