package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.compare.MetricComparison;
import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.Breakdown;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.ErrorOccurrence;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.ResidentLeg;
import dev.doorman.analyzer.model.SlowTurn;
import dev.doorman.analyzer.model.TimelineEntry;
import dev.doorman.analyzer.model.TurnFigures;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The readable report printed on stdout when no {@code --output} is given. */
public final class TextRenderer implements ReportRenderer {
    private static final String ROW = "  %-24s %8s %9s %9s %9s %9s %9s %9s %9s%n";

    @Override
    public void render(Report report, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        Aggregate a = report.aggregate();
        if (report.isCallReport()) {
            CallSummary c = report.call();
            out.printf(Locale.ROOT, "Call %s%n", c.callId());
            out.printf(Locale.ROOT, "  started %s, lasted %s ms, ended: %s, %d events%n",
                    c.start() == null ? "?" : c.start(), Numbers.ms(c.durationMs()),
                    c.endReason() == null ? "(no CALL_ENDED)" : c.endReason(), c.events());
        } else {
            out.printf(Locale.ROOT, "Summary of %d calls", a.calls());
            if (a.firstCallStart() != null) {
                out.printf(Locale.ROOT, " started %s .. %s", a.firstCallStart(), a.lastCallStart());
            }
            out.println();
            out.printf(Locale.ROOT, "  from %s; window %s .. %s%n", report.sources(),
                    report.window().since() == null ? "(open)" : report.window().since(),
                    report.window().until() == null ? "(open)" : report.window().until());
        }
        out.println();
        out.println("Latency per stage (ms)");
        stageTable(out, report::figures);
        out.println();
        Map<String, Double> shares = a.shares().fractions();
        out.printf(Locale.ROOT, "Where turn latency goes (%d answered turns, %d unanswered)%n",
                a.turns() - a.unansweredTurns(), a.unansweredTurns());
        if (shares.isEmpty()) {
            out.println("  no answered turn (no SPEECH_ENDED followed by PLAYBACK_START)");
        } else {
            for (Map.Entry<String, Double> e : shares.entrySet()) {
                boolean part = e.getKey().equals("intent_extraction") || e.getKey().equals("fuzzy_validation");
                out.printf(Locale.ROOT, "  %-24s %7s%s%n", (part ? "  of which " : "") + e.getKey(),
                        Numbers.pct(e.getValue()), e.getKey().equals(a.shares().bottleneck()) ? "  <- bottleneck" : "");
            }
        }
        out.printf(Locale.ROOT, "%nBarge-ins: %d   DTMF digits: %d   calls with errors: %d%n", a.bargeIns(),
                a.dtmfDigits(), a.callsWithErrors());
        String resident = Labels.residentLine(a.resident());
        out.println();
        out.println("Resident leg");
        out.println("  " + (resident == null ? "no call reached for a resident" : resident));
        if (a.breakdown() != null) {
            breakdown(out, a.breakdown());
        }
        if (report.isCallReport()) {
            out.println();
            out.println("Turns");
            for (TurnFigures t : report.call().turns()) {
                turn(out, null, t);
            }
        } else {
            out.println();
            out.println("Slowest calls");
            for (CallSummary c : a.slowestCalls().sorted()) {
                out.printf(Locale.ROOT, "  %s  worst turn %s ms, duration %s ms, %d turns, %d errors%n", c.callId(),
                        Numbers.ms(c.worstTurnLatencyMs()), Numbers.ms(c.durationMs()), c.turns().size(),
                        c.errors().size());
            }
            out.println("Slowest turns");
            for (SlowTurn t : a.slowestTurns().sorted()) {
                turn(out, t.callId(), t.turn());
            }
        }
        errors(out, a.errors());
        dataQuality(out, report.dataQuality());
        out.println();
        out.println("Thresholds");
        for (Verdict v : report.verdicts()) {
            out.printf(Locale.ROOT, "  %-7s %s %s = %s ms (limit %s ms)%s%n",
                    v.status().wireName().toUpperCase(Locale.ROOT), v.metric(), v.figure(), Numbers.ms(v.actualMs()),
                    Numbers.ms(v.limitMs()), v.status() == Verdict.Status.NO_DATA ? "  (" + NoData.cause(v) + ")" : "");
        }
        if (!report.suggestions().isEmpty()) {
            out.println();
            out.println("Suggestions");
            for (String s : report.suggestions()) {
                out.println("  - " + s);
            }
        }
        if (report.isCallReport() && report.call().timeline() != null) {
            out.println();
            out.println("Timeline");
            for (TimelineEntry e : report.call().timeline()) {
                out.printf(Locale.ROOT, "  %10s ms  %-28s %-8s %4s %10s%s%n", Numbers.ms(e.elapsedMs()), e.event(),
                        e.party() == null ? "" : e.party(), e.turn() < 0 ? "" : "#" + e.turn(),
                        Double.isNaN(e.durationMs()) ? "" : Numbers.ms(e.durationMs()) + " ms",
                        e.detail() == null ? "" : "  " + e.detail());
            }
        }
        if (!report.callReports().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "Call reports (%d)%n", report.callReports().size());
            for (CallSummary c : report.callReports()) {
                callReport(out, c);
            }
        }
        out.flush();
    }

    @Override
    public void renderComparison(Comparison c, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        out.printf(Locale.ROOT, "Comparison: baseline %s (%d calls) vs current %s (%d calls)%n", c.baselineLabel(),
                c.baseline().aggregate().calls(), c.currentLabel(), c.current().aggregate().calls());
        out.printf(Locale.ROOT, "  a regression: a percentile slower by at least %s with its %.0f%% confidence "
                + "interval above zero%n%n", Numbers.pct(c.minChange()), c.confidence() * 100);
        for (MetricComparison m : c.metrics()) {
            List<String> cells = Labels.comparisonCells(m);
            out.printf(Locale.ROOT, "%s  (n %s)  %s%n", cells.get(0), cells.get(1),
                    m.verdict().wireName().toUpperCase(Locale.ROOT));
            for (int i = 0; i < 3; i++) {
                out.printf(Locale.ROOT, "  %-4s %10s -> %10s  %s%n", new String[] {"p50", "p95", "p99"}[i],
                        cells.get(2 + 3 * i), cells.get(3 + 3 * i), cells.get(4 + 3 * i));
            }
            out.printf(Locale.ROOT, "  Mann-Whitney: P(current slower) %s, one-sided p %s%n", cells.get(11), cells.get(12));
        }
        out.printf(Locale.ROOT, "%n%s%n", c.regressed() ? "REGRESSION" : "no regression");
        out.flush();
    }

    private static void stageTable(PrintWriter out, Function<Metric, StageFigures> figures) {
        out.printf(Locale.ROOT, ROW, "", "count", "min", "mean", "p50", "p90", "p95", "p99", "max");
        for (Metric m : Labels.ROWS) {
            boolean split = List.of(Metric.BREAKDOWN).contains(m);
            row(out, split ? "  " + m.key() : m.key(), figures.apply(m));
        }
    }

    private static void breakdown(PrintWriter out, Breakdown b) {
        out.println();
        out.println(Labels.breakdownTitle(b));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-28s", b.dimension().wireName()));
        for (String h : Labels.BREAKDOWN_HEADER) {
            header.append(String.format(Locale.ROOT, " %9s", h.length() > 9 ? h.substring(0, 9) : h));
        }
        out.println(header);
        for (Map.Entry<String, GroupFigures> e : b.groups().entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-28s", e.getKey()));
            for (String cell : Labels.breakdownCells(e.getValue())) {
                line.append(String.format(Locale.ROOT, " %9s", cell));
            }
            out.println(line);
        }
    }

    private static void callReport(PrintWriter out, CallSummary c) {
        out.println();
        out.printf(Locale.ROOT, "Call %s  (server %s%s)%n", c.callId(), c.server(),
                c.building() == null ? "" : ", building " + c.building());
        out.printf(Locale.ROOT, "  started %s, lasted %s ms, ended: %s, %d events%s%n",
                c.start() == null ? "?" : c.start(), Numbers.ms(c.durationMs()),
                c.endReason() == null ? "(no CALL_ENDED)" : c.endReason(), c.events(),
                c.lostData() ? ", DATA LOSS: " + c.eventsMissing() + " missing, " + c.eventsDropped() + " dropped" : "");
        for (Metric m : Labels.ROWS) {
            StageFigures f = c.figures(m);
            if (!f.isEmpty()) {
                out.printf(Locale.ROOT, "  %-24s n=%-3d p50 %9s  max %9s ms%n", m.key(), f.count(), Numbers.ms(f.p50Ms()),
                        Numbers.ms(f.maxMs()));
            }
        }
        for (TurnFigures t : c.turns()) {
            turn(out, null, t);
        }
        ResidentLeg r = c.resident();
        if (r.present()) {
            out.printf(Locale.ROOT, "  resident: %d attempts, %d answered%s, decision %s%s, door %s%n", r.attempts(),
                    r.connected(), r.noAnswerReasons().isEmpty() ? "" : " (no answer: " + String.join(", ", r.noAnswerReasons()) + ")",
                    r.decision() == null ? "none" : r.decision(), r.decidedBy() == null ? "" : " by " + r.decidedBy(),
                    r.doorStatus() == null ? "-" : r.doorStatus());
        }
        for (ErrorOccurrence e : c.errors()) {
            out.printf(Locale.ROOT, "  error at %s ms: %s%s: %s%n", Numbers.ms(e.elapsedMs()), e.errorType(),
                    e.stage() == null ? "" : " (" + e.stage() + ")", e.message());
        }
    }

    private static void row(PrintWriter out, String name, StageFigures f) {
        if (f.isEmpty()) {
            out.printf(Locale.ROOT, ROW, name, "0", "-", "-", "-", "-", "-", "-", "-");
        } else {
            out.printf(Locale.ROOT, ROW, name, f.count(), Numbers.ms(f.minMs()), Numbers.ms(f.meanMs()),
                    Numbers.ms(f.p50Ms()), Numbers.ms(f.p90Ms()), Numbers.ms(f.p95Ms()), Numbers.ms(f.p99Ms()),
                    Numbers.ms(f.maxMs()));
        }
    }

    private static void turn(PrintWriter out, String callId, TurnFigures t) {
        out.printf(Locale.ROOT, "  %s%-8s #%-3d latency %8s ms (perceived %8s): stt %s, ai %s, tts %s%s, other %s"
                        + " -> %s%n", callId == null ? "" : callId + "  ", t.party(), t.turn(), Numbers.ms(t.latencyMs()),
                Numbers.ms(t.perceivedMs()), Numbers.ms(t.transcriptionMs()), Numbers.ms(t.aiMs()),
                Numbers.ms(t.synthesisMs()), t.synthesisCached() ? " (cached)" : "", Numbers.ms(t.otherMs()),
                t.answered() ? t.bottleneck() : "unanswered");
    }

    private static void errors(PrintWriter out, ErrorGroups errors) {
        out.println();
        out.printf(Locale.ROOT, "Errors (%d)%n", errors.total());
        for (ErrorGroups.Group g : errors.groups()) {
            out.printf(Locale.ROOT, "  %5d x %s%s: %s  [%s .. %s] e.g. %s%n", g.count(), g.errorType(),
                    g.stage() == null ? "" : " (" + g.stage() + ")", g.pattern(), g.firstSeen(), g.lastSeen(),
                    String.join(", ", g.exampleCallIds()));
        }
    }

    private static void dataQuality(PrintWriter out, DataQuality q) {
        out.println();
        out.printf(Locale.ROOT, "Data quality: %d files, %d lines, %d events read%n", q.filesRead(), q.linesRead(),
                q.eventsRead());
        for (Problem p : Problem.values()) {
            if (q.count(p) > 0) {
                out.printf(Locale.ROOT, "  %-22s %6d  e.g. %s%n", p.key(), q.count(p), String.join(", ", q.examples(p)));
            }
        }
        if (q.eventsMissingInGaps() > 0 || q.eventsDroppedByLogger() > 0) {
            out.printf(Locale.ROOT, "  DATA LOSS: %d events missing in sequence gaps, %d dropped by the logger, in %d calls%n",
                    q.eventsMissingInGaps(), q.eventsDroppedByLogger(), q.callsWithDataLoss());
        }
    }
}
