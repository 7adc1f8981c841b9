package dev.doorman.analyzer.model;

import dev.doorman.analyzer.stats.ExactSample;
import dev.doorman.analyzer.stats.LatencyDistribution;
import dev.doorman.analyzer.stats.StageFigures;
import java.util.EnumMap;
import java.util.Map;

/**
 * One group of a breakdown (a server, a building, an hour): its calls, errors, resident decisions
 * and a few latency distributions kept at 2 significant digits (percentiles within 1%), so that
 * hundreds of groups stay small. Mergeable.
 */
public final class GroupFigures {
    private final Metric[] metrics;
    private final Map<Metric, LatencyDistribution> distributions = new EnumMap<>(Metric.class);
    private long calls;
    private long callsWithErrors;
    private long turns;
    private long authorized;
    private long decided;

    public GroupFigures(Metric[] metrics) {
        this.metrics = metrics;
        for (Metric m : metrics) {
            distributions.put(m, new LatencyDistribution(2));
        }
    }

    public void add(CallSummary call) {
        calls++;
        turns += call.turns().size();
        if (!call.errors().isEmpty()) {
            callsWithErrors++;
        }
        if (call.resident().decision() != null) {
            decided++;
            if ("authorized".equals(call.resident().decision())) {
                authorized++;
            }
        }
        for (Metric m : metrics) {
            ExactSample sample = call.samples().get(m);
            if (sample != null) {
                sample.copyInto(distributions.get(m));
            }
        }
    }

    public void merge(GroupFigures other) {
        calls += other.calls;
        callsWithErrors += other.callsWithErrors;
        turns += other.turns;
        authorized += other.authorized;
        decided += other.decided;
        other.distributions.forEach((m, d) -> distributions.get(m).merge(d));
    }

    public StageFigures figures(Metric metric) {
        LatencyDistribution d = distributions.get(metric);
        return d == null ? StageFigures.EMPTY : d.figures();
    }

    public long calls() {
        return calls;
    }

    public long callsWithErrors() {
        return callsWithErrors;
    }

    public long turns() {
        return turns;
    }

    /** Calls whose resident decision was "authorized". */
    public long authorized() {
        return authorized;
    }

    /** Calls with a resident decision (AUTHORIZATION). */
    public long decided() {
        return decided;
    }
}
