package dev.doorman.analyzer.model;

import dev.doorman.analyzer.stats.ExactSample;
import dev.doorman.analyzer.stats.StageFigures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one call's report shows. Built by {@link CallAnalysis}; kept for every call only
 * when per-call reports are asked for ({@code --all} without {@code --summary}).
 * {@code server} labels the directory the file came from ({@code file}, read again for a
 * waterfall), {@code building} is
 * {@code CALL_SETUP.data.building} (null when absent); {@code timeline} is null unless the call's
 * timeline was requested.
 */
public record CallSummary(String callId, String server, Path file, String building, Instant start, double durationMs,
                          String endReason, Map<Metric, ExactSample> samples, List<TurnFigures> turns,
                          List<ErrorOccurrence> errors, int bargeIns, int dtmfDigits, long events,
                          long eventsMissing, long eventsDropped, ResidentLeg resident,
                          List<TimelineEntry> timeline) {

    /** The same call without its timeline (what lists of calls keep). */
    public CallSummary withoutTimeline() {
        return timeline == null ? this : new CallSummary(callId, server, file, building, start, durationMs, endReason,
                samples, turns, errors, bargeIns, dtmfDigits, events, eventsMissing, eventsDropped, resident, null);
    }

    public StageFigures figures(Metric metric) {
        ExactSample sample = samples.get(metric);
        return sample == null ? StageFigures.EMPTY : sample.figures();
    }

    /** The call's worst turn latency; 0 when no turn was answered. */
    public double worstTurnLatencyMs() {
        ExactSample sample = samples.get(Metric.TURN_LATENCY);
        return sample == null ? 0 : sample.max();
    }

    /** How slow the call felt: the worst turn, then the call length, orders the slowest calls. */
    public double slownessKey() {
        return worstTurnLatencyMs() * 1e6 + Math.min(durationMs, 1e6 - 1);
    }

    public boolean lostData() {
        return eventsMissing > 0 || eventsDropped > 0;
    }

    static Map<Metric, ExactSample> newSamples() {
        return new EnumMap<>(Metric.class);
    }
}
