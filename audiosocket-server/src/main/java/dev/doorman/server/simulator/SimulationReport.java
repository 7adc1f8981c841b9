package dev.doorman.server.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a simulation run: every call's result plus the totals a load test looks at. The
 * gap distributions are merged over all calls, so {@code receivedGaps().errorP99Ms()} is the p99
 * over every frame gap of every call.
 */
public final class SimulationReport {
    private final List<CallResult> calls;
    private final double wallMs;
    private final Map<CallOutcome, Integer> outcomes = new EnumMap<>(CallOutcome.class);
    private final GapRecorder received = new GapRecorder(AudioFraming.FRAME_NANOS);
    private final GapRecorder sent = new GapRecorder(AudioFraming.FRAME_NANOS);
    private final int refused;
    private final int failed;

    private SimulationReport(List<CallResult> calls, double wallMs) {
        this.calls = List.copyOf(calls);
        this.wallMs = wallMs;
        int refusedCount = 0;
        int failedCount = 0;
        for (CallResult call : calls) {
            outcomes.merge(call.outcome(), 1, Integer::sum);
            received.add(call.received());
            sent.add(call.sent());
            if (call.refused()) {
                refusedCount++;
            } else if (call.outcome().isFailure()) {
                failedCount++;
            }
        }
        this.refused = refusedCount;
        this.failed = failedCount;
    }

    public static SimulationReport of(List<CallResult> calls, double wallMs) {
        return new SimulationReport(calls, wallMs);
    }

    public List<CallResult> calls() {
        return calls;
    }

    public double wallMs() {
        return wallMs;
    }

    /** Calls per outcome. */
    public Map<CallOutcome, Integer> outcomes() {
        return Collections.unmodifiableMap(outcomes);
    }

    /** Calls the server ended before sending any audio. */
    public int refused() {
        return refused;
    }

    /** Calls that ended in a failure (error frame, protocol error, timeout, no connection). */
    public int failed() {
        return failed;
    }

    /** Calls that neither failed nor were refused. */
    public int completed() {
        return calls.size() - refused - failed;
    }

    /** Spacing of the server's audio over all calls. */
    public GapStats receivedGaps() {
        return received.stats();
    }

    /** Spacing of the simulator's own audio over all calls: its timing noise. */
    public GapStats sentGaps() {
        return sent.stats();
    }

    public long framesReceived() {
        return calls.stream().mapToLong(CallResult::framesReceived).sum();
    }

    public long framesSent() {
        return calls.stream().mapToLong(CallResult::framesSent).sum();
    }
}
