package dev.doorman.analyzer.report.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.compare.MetricComparison;
import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.Breakdown;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.ResidentCounts;
import dev.doorman.analyzer.model.ResidentLeg;
import dev.doorman.analyzer.stats.DistributionComparison.PercentileChange;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.ErrorOccurrence;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.SlowTurn;
import dev.doorman.analyzer.model.TimelineEntry;
import dev.doorman.analyzer.model.TurnFigures;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.Problem;
import dev.doorman.analyzer.report.Report;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** The JSON report; its shape is the contract documented in docs/report-schema.md. */
public final class JsonRenderer implements ReportRenderer {
    private final JsonFactory factory = new JsonFactory();

    @Override
    public void render(Report report, Writer out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("report", report.isCallReport() ? "call" : "summary");
            if (report.isCallReport()) {
                g.writeStringField("call_id", report.call().callId());
            }
            Aggregate a = report.aggregate();
            g.writeNumberField("calls", a.calls());
            g.writeStringField("sources", report.sources());
            if (report.isCallReport()) {
                nullableString(g, "server", report.call().server());
                nullableString(g, "building", report.call().building());
            }
            g.writeObjectFieldStart("window");
            instant(g, "since", report.window().since());
            instant(g, "until", report.window().until());
            instant(g, "first_call_start", a.firstCallStart());
            instant(g, "last_call_start", a.lastCallStart());
            g.writeEndObject();
            Function<Metric, StageFigures> figures = report::figures;
            stagesAndBreakdown(g, figures);
            g.writeFieldName("turn_latency");
            figures(g, figures.apply(Metric.TURN_LATENCY));
            g.writeFieldName("perceived_latency");
            figures(g, figures.apply(Metric.PERCEIVED_LATENCY));
            g.writeObjectFieldStart("bottleneck");
            g.writeNumberField("turns", a.turns());
            g.writeNumberField("unanswered_turns", a.unansweredTurns());
            g.writeObjectFieldStart("share");
            for (Map.Entry<String, Double> e : a.shares().fractions().entrySet()) {
                g.writeNumberField(e.getKey(), Math.round(e.getValue() * 10000.0) / 10000.0);
            }
            g.writeEndObject();
            g.writeStringField("main", a.shares().bottleneck());
            g.writeEndObject();
            g.writeFieldName("call_duration");
            figures(g, figures.apply(Metric.CALL_DURATION));
            g.writeFieldName("ring_time");
            figures(g, figures.apply(Metric.RING_TIME));
            g.writeFieldName("resident_response");
            figures(g, figures.apply(Metric.RESIDENT_RESPONSE));
            resident(g, a.resident());
            g.writeNumberField("barge_ins", a.bargeIns());
            g.writeNumberField("dtmf_digits", a.dtmfDigits());
            g.writeObjectFieldStart("end_reasons");
            for (Map.Entry<String, Long> e : a.endReasons().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("calls_with_errors", a.callsWithErrors());
            errors(g, a.errors());
            dataQuality(g, report.dataQuality());
            verdicts(g, report);
            g.writeArrayFieldStart("suggestions");
            for (String s : report.suggestions()) {
                g.writeString(s);
            }
            g.writeEndArray();
            if (report.isCallReport()) {
                turns(g, report.call());
                timeline(g, report.call());
            } else {
                if (a.breakdown() != null) {
                    breakdown(g, "by", a.breakdown());
                }
                breakdown(g, "turn_latency_over_time", a.overTime());
                slowest(g, a);
                if (!report.callReports().isEmpty()) {
                    g.writeArrayFieldStart("call_reports");
                    for (CallSummary call : report.callReports()) {
                        callReport(g, call);
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void stagesAndBreakdown(JsonGenerator g, Function<Metric, StageFigures> figures) throws IOException {
        g.writeObjectFieldStart("stages");
        for (Metric m : Metric.STAGES) {
            g.writeFieldName(m.key());
            figures(g, figures.apply(m));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("breakdown");
        g.writeObjectFieldStart("transcription");
        g.writeFieldName("visitor");
        figures(g, figures.apply(Metric.TRANSCRIPTION_VISITOR));
        g.writeFieldName("resident");
        figures(g, figures.apply(Metric.TRANSCRIPTION_RESIDENT));
        g.writeEndObject();
        g.writeObjectFieldStart("synthesis");
        g.writeFieldName("visitor");
        figures(g, figures.apply(Metric.SYNTHESIS_VISITOR));
        g.writeFieldName("resident");
        figures(g, figures.apply(Metric.SYNTHESIS_RESIDENT));
        g.writeFieldName("cached");
        figures(g, figures.apply(Metric.SYNTHESIS_CACHED));
        g.writeFieldName("uncached");
        figures(g, figures.apply(Metric.SYNTHESIS_UNCACHED));
        g.writeEndObject();
        g.writeObjectFieldStart("turn_latency");
        g.writeFieldName("visitor");
        figures(g, figures.apply(Metric.TURN_LATENCY_VISITOR));
        g.writeFieldName("resident");
        figures(g, figures.apply(Metric.TURN_LATENCY_RESIDENT));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void resident(JsonGenerator g, ResidentCounts r) throws IOException {
        g.writeObjectFieldStart("resident");
        g.writeNumberField("calls", r.calls());
        g.writeNumberField("attempts", r.attempts());
        g.writeNumberField("answered_attempts", r.connected());
        g.writeNumberField("calls_answered", r.callsConnected());
        counts(g, "decisions", r.decisions());
        counts(g, "decided_by", r.decidedBy());
        counts(g, "no_answer_reasons", r.noAnswerReasons());
        counts(g, "door", r.doorStatus());
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void breakdown(JsonGenerator g, String name, Breakdown b) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("dimension", b.dimension().wireName());
        g.writeArrayFieldStart("groups");
        for (Map.Entry<String, GroupFigures> e : b.groups().entrySet()) {
            GroupFigures f = e.getValue();
            g.writeStartObject();
            g.writeStringField("key", e.getKey());
            g.writeNumberField("calls", f.calls());
            g.writeNumberField("calls_with_errors", f.callsWithErrors());
            g.writeNumberField("decided", f.decided());
            g.writeNumberField("authorized", f.authorized());
            for (Metric m : name.equals("by") ? Breakdown.TABLE_METRICS : Breakdown.TREND_METRICS) {
                g.writeFieldName(m.key());
                figures(g, f.figures(m));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    public void renderComparison(Comparison c, Writer out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("report", "comparison");
            side(g, "baseline", c.baselineLabel(), c.baseline());
            side(g, "current", c.currentLabel(), c.current());
            g.writeNumberField("min_change", c.minChange());
            g.writeNumberField("confidence", c.confidence());
            g.writeBooleanField("regressed", c.regressed());
            g.writeArrayFieldStart("metrics");
            for (MetricComparison m : c.metrics()) {
                g.writeStartObject();
                g.writeStringField("metric", m.metric().key());
                g.writeNumberField("baseline_count", m.baselineCount());
                g.writeNumberField("current_count", m.currentCount());
                g.writeArrayFieldStart("percentiles");
                for (PercentileChange p : m.percentiles()) {
                    g.writeStartObject();
                    g.writeNumberField("percentile", p.percentile());
                    ms(g, "baseline_ms", m.baselineCount() == 0 ? Double.NaN : p.baselineMs());
                    ms(g, "current_ms", m.currentCount() == 0 ? Double.NaN : p.currentMs());
                    boolean both = m.baselineCount() > 0 && m.currentCount() > 0;
                    ms(g, "change_ms", both ? p.deltaMs() : Double.NaN);
                    ms(g, "relative_change", both ? p.relative() : Double.NaN);
                    ms(g, "ci_low_ms", p.lowMs());
                    ms(g, "ci_high_ms", p.highMs());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("mann_whitney");
                ms(g, "p_slower", m.rankTest().pSlower());
                ms(g, "probability_current_slower", m.rankTest().probabilityCurrentSlower());
                g.writeEndObject();
                g.writeStringField("verdict", m.verdict().wireName());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void side(JsonGenerator g, String name, String label, Report report) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("label", label);
        g.writeNumberField("calls", report.aggregate().calls());
        instant(g, "first_call_start", report.aggregate().firstCallStart());
        instant(g, "last_call_start", report.aggregate().lastCallStart());
        g.writeEndObject();
    }

    static void figures(JsonGenerator g, StageFigures f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("count", f.count());
        ms(g, "min_ms", f.isEmpty() ? Double.NaN : f.minMs());
        ms(g, "mean_ms", f.isEmpty() ? Double.NaN : f.meanMs());
        ms(g, "p50_ms", f.isEmpty() ? Double.NaN : f.p50Ms());
        ms(g, "p90_ms", f.isEmpty() ? Double.NaN : f.p90Ms());
        ms(g, "p95_ms", f.isEmpty() ? Double.NaN : f.p95Ms());
        ms(g, "p99_ms", f.isEmpty() ? Double.NaN : f.p99Ms());
        ms(g, "max_ms", f.isEmpty() ? Double.NaN : f.maxMs());
        g.writeEndObject();
    }

    private static void errors(JsonGenerator g, ErrorGroups errors) throws IOException {
        g.writeArrayFieldStart("errors");
        for (ErrorGroups.Group group : errors.groups()) {
            g.writeStartObject();
            g.writeStringField("error_type", group.errorType());
            g.writeStringField("pattern", group.pattern());
            nullableString(g, "stage", group.stage());
            g.writeNumberField("count", group.count());
            instant(g, "first_seen", group.firstSeen());
            instant(g, "last_seen", group.lastSeen());
            g.writeArrayFieldStart("example_call_ids");
            for (String id : group.exampleCallIds()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void dataQuality(JsonGenerator g, DataQuality q) throws IOException {
        g.writeObjectFieldStart("data_quality");
        g.writeNumberField("files_read", q.filesRead());
        g.writeNumberField("lines_read", q.linesRead());
        g.writeNumberField("events_read", q.eventsRead());
        for (Problem p : Problem.values()) {
            g.writeNumberField(p.key(), q.count(p));
        }
        g.writeNumberField("events_missing_in_gaps", q.eventsMissingInGaps());
        g.writeNumberField("events_dropped", q.eventsDroppedByLogger());
        g.writeNumberField("calls_with_data_loss", q.callsWithDataLoss());
        g.writeObjectFieldStart("unknown_event_type_names");
        for (Map.Entry<String, Long> e : q.unknownEventTypes().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("examples");
        for (Problem p : Problem.values()) {
            if (!q.examples(p).isEmpty()) {
                g.writeArrayFieldStart(p.key());
                for (String where : q.examples(p)) {
                    g.writeString(where);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void verdicts(JsonGenerator g, Report report) throws IOException {
        g.writeArrayFieldStart("verdicts");
        for (Verdict v : report.verdicts()) {
            g.writeStartObject();
            g.writeStringField("metric", v.metric());
            g.writeStringField("figure", v.figure());
            ms(g, "limit_ms", v.limitMs());
            ms(g, "actual_ms", v.actualMs());
            g.writeStringField("status", v.status().wireName());
            if (v.status() == Verdict.Status.NO_DATA) {
                g.writeStringField("cause", NoData.cause(v));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("breached", report.breached());
    }

    private static void slowest(JsonGenerator g, Aggregate a) throws IOException {
        g.writeArrayFieldStart("slowest_calls");
        for (CallSummary c : a.slowestCalls().sorted()) {
            g.writeStartObject();
            g.writeStringField("call_id", c.callId());
            instant(g, "start", c.start());
            ms(g, "duration_ms", c.durationMs());
            ms(g, "worst_turn_latency_ms", c.worstTurnLatencyMs());
            g.writeNumberField("turns", c.turns().size());
            g.writeNumberField("errors", c.errors().size());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("slowest_turns");
        for (SlowTurn t : a.slowestTurns().sorted()) {
            turn(g, t.callId(), t.turn());
        }
        g.writeEndArray();
    }

    private static void turns(JsonGenerator g, CallSummary call) throws IOException {
        g.writeArrayFieldStart("turns");
        for (TurnFigures t : call.turns()) {
            turn(g, null, t);
        }
        g.writeEndArray();
    }

    private static void turn(JsonGenerator g, String callId, TurnFigures t) throws IOException {
        g.writeStartObject();
        if (callId != null) {
            g.writeStringField("call_id", callId);
        }
        g.writeStringField("party", t.party());
        g.writeNumberField("turn", t.turn());
        ms(g, "latency_ms", t.latencyMs());
        ms(g, "perceived_ms", t.perceivedMs());
        ms(g, "transcription_ms", t.transcriptionMs());
        ms(g, "ai_processing_ms", t.aiMs());
        ms(g, "intent_extraction_ms", t.intentMs());
        ms(g, "fuzzy_validation_ms", t.fuzzyMs());
        ms(g, "synthesis_ms", t.synthesisMs());
        ms(g, "other_ms", t.otherMs());
        g.writeBooleanField("synthesis_cached", t.synthesisCached());
        g.writeStringField("bottleneck", t.answered() ? t.bottleneck() : null);
        g.writeEndObject();
    }

    private static void timeline(JsonGenerator g, CallSummary call) throws IOException {
        g.writeArrayFieldStart("timeline");
        if (call.timeline() != null) {
            for (TimelineEntry e : call.timeline()) {
                g.writeStartObject();
                if (e.seq() >= 0) {
                    g.writeNumberField("seq", e.seq());
                } else {
                    g.writeNullField("seq");
                }
                ms(g, "elapsed_ms", e.elapsedMs());
                g.writeStringField("event", e.event());
                nullableString(g, "party", e.party());
                if (e.turn() >= 0) {
                    g.writeNumberField("turn", e.turn());
                } else {
                    g.writeNullField("turn");
                }
                ms(g, "duration_ms", e.durationMs());
                nullableString(g, "detail", e.detail());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static void callReport(JsonGenerator g, CallSummary call) throws IOException {
        g.writeStartObject();
        g.writeStringField("call_id", call.callId());
        nullableString(g, "server", call.server());
        nullableString(g, "building", call.building());
        instant(g, "start", call.start());
        ms(g, "duration_ms", call.durationMs());
        nullableString(g, "end_reason", call.endReason());
        stagesAndBreakdown(g, call::figures);
        g.writeFieldName("turn_latency");
        figures(g, call.figures(Metric.TURN_LATENCY));
        g.writeFieldName("perceived_latency");
        figures(g, call.figures(Metric.PERCEIVED_LATENCY));
        turns(g, call);
        g.writeArrayFieldStart("errors");
        for (ErrorOccurrence e : call.errors()) {
            g.writeStartObject();
            nullableString(g, "ts", e.ts());
            ms(g, "elapsed_ms", e.elapsedMs());
            g.writeStringField("error_type", e.errorType());
            g.writeStringField("message", e.message());
            nullableString(g, "stage", e.stage());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("ring_time");
        figures(g, call.figures(Metric.RING_TIME));
        g.writeFieldName("resident_response");
        figures(g, call.figures(Metric.RESIDENT_RESPONSE));
        ResidentLeg leg = call.resident();
        g.writeObjectFieldStart("resident");
        g.writeNumberField("attempts", leg.attempts());
        g.writeNumberField("answered_attempts", leg.connected());
        g.writeArrayFieldStart("no_answer_reasons");
        for (String reason : leg.noAnswerReasons()) {
            g.writeString(reason);
        }
        g.writeEndArray();
        nullableString(g, "decision", leg.decision());
        nullableString(g, "decided_by", leg.decidedBy());
        nullableString(g, "door", leg.doorStatus());
        g.writeEndObject();
        g.writeNumberField("barge_ins", call.bargeIns());
        g.writeNumberField("dtmf_digits", call.dtmfDigits());
        g.writeNumberField("events", call.events());
        g.writeNumberField("events_missing", call.eventsMissing());
        g.writeNumberField("events_dropped", call.eventsDropped());
        g.writeEndObject();
    }

    private static void ms(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Numbers.round3(value));
        }
    }

    private static void instant(JsonGenerator g, String name, Instant at) throws IOException {
        nullableString(g, name, at == null ? null : at.toString());
    }

    private static void nullableString(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
