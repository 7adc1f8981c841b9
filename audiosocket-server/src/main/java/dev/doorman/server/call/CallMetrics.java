package dev.doorman.server.call;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the call sessions do and binds it as meters. Counting is cheap (LongAdders, usable
 * before binding); the registry reads them through function counters, as Micrometer's own
 * binders do. Names as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code doorman_calls_active{building}}, {@code doorman_calls_started_total{building}},
 *       {@code doorman_calls_ended_total{building,reason}}, {@code doorman_calls_refused_total{cause}}
 *       (the building tag takes the configured building ids only, so its cardinality is bounded)</li>
 *   <li>{@code doorman_protocol_errors_total{violation}}</li>
 *   <li>{@code doorman_playback_frames_sent_total}, {@code _late_total} (sent more than 2 ms after
 *       their nominal time), {@code _skipped_total} (peer not reading), {@code doorman_playback_resyncs_total},
 *       {@code doorman_playback_underruns_total} (a prompt still being synthesized had no frame ready),
 *       {@code doorman_playback_gap_error_seconds} (histogram of |gap between a call's frames - 20 ms|)</li>
 *   <li>{@code doorman_playback_prompts_total{interrupted}}, {@code doorman_barge_ins_total},
 *       {@code doorman_vad_utterances_total}, {@code doorman_dtmf_received_total},
 *       {@code doorman_workers_rejected_total}, {@code doorman_behavior_errors_total},
 *       {@code doorman_warnings_suppressed_total}</li>
 * </ul>
 */
public final class CallMetrics implements MeterBinder {
    public static final List<String> END_REASONS = List.of("caller_hangup", "server_hangup", "timeout",
            "max_duration", "shutdown", "protocol_error", "slow_reader", "peer_error", "error");
    public static final List<String> REFUSAL_CAUSES = List.of("max_calls", "not_allowed", "duplicate_call",
            "uuid_timeout", "max_pending");
    public static final List<String> VIOLATIONS = List.of("unknown_kind", "bad_length", "uuid_expected",
            "nil_uuid", "duplicate_uuid", "incomplete_frame");
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Map<String, AtomicInteger> active = new LinkedHashMap<>();
    private final AtomicInteger activeLegs = new AtomicInteger();
    private final Map<String, LongAdder> legsEnded = adders(END_REASONS);
    private final Map<String, LongAdder> started = new LinkedHashMap<>();
    private final Map<String, Map<String, LongAdder>> ended = new LinkedHashMap<>();
    private final Map<String, LongAdder> refused = adders(REFUSAL_CAUSES);
    private final Map<String, LongAdder> violations = adders(VIOLATIONS);
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesLate = new LongAdder();
    private final LongAdder framesSkipped = new LongAdder();
    private final LongAdder underruns = new LongAdder();
    private final LongAdder resyncs = new LongAdder();
    private final LongAdder tickFailures = new LongAdder();
    private final LongAdder promptsComplete = new LongAdder();
    private final LongAdder promptsInterrupted = new LongAdder();
    private final LongAdder bargeIns = new LongAdder();
    private final LongAdder utterances = new LongAdder();
    private final LongAdder dtmf = new LongAdder();
    private final LongAdder workerRejections = new LongAdder();
    private final LongAdder behaviorErrors = new LongAdder();
    private final LongAdder warningsSuppressed = new LongAdder();
    private volatile Timer gapError;

    /** A server of one building, {@code default}. */
    public CallMetrics() {
        this(List.of("default"));
    }

    /** @param buildings the building ids the server's calls are tagged with */
    public CallMetrics(List<String> buildings) {
        if (buildings.isEmpty()) {
            throw new IllegalArgumentException("at least one building");
        }
        for (String building : buildings) {
            active.put(building, new AtomicInteger());
            started.put(building, new LongAdder());
            ended.put(building, adders(END_REASONS));
        }
    }

    // Only the configured buildings are ever passed; anything else counts under the first.
    private String known(String building) {
        return active.containsKey(building) ? building : active.keySet().iterator().next();
    }

    private static Map<String, LongAdder> adders(List<String> keys) {
        Map<String, LongAdder> map = new ConcurrentHashMap<>();
        keys.forEach(k -> map.put(k, new LongAdder()));
        map.put("other", new LongAdder());
        return map;
    }

    private static void count(Map<String, LongAdder> map, String key) {
        LongAdder adder = map.get(key);
        (adder != null ? adder : map.get("other")).increment();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        active.forEach((building, count) -> Gauge.builder("doorman.calls.active", count, AtomicInteger::get)
                .tag("building", building).description("Calls in progress").register(registry));
        started.forEach((building, adder) -> FunctionCounter.builder("doorman.calls.started", adder, LongAdder::sum)
                .tag("building", building).description("Calls set up (UUID received)").register(registry));
        Gauge.builder("doorman.legs.active", activeLegs, AtomicInteger::get)
                .description("Call legs the server placed (the resident's phone) that are connected").register(registry);
        legsEnded.forEach((reason, adder) -> FunctionCounter.builder("doorman.legs.ended", adder, LongAdder::sum)
                .tag("reason", reason).description("Placed call legs ended, by reason").register(registry));
        ended.forEach((building, reasons) -> reasons.forEach((reason, adder) ->
                FunctionCounter.builder("doorman.calls.ended", adder, LongAdder::sum)
                        .tag("building", building).tag("reason", reason).description("Calls ended, by reason")
                        .register(registry)));
        refused.forEach((cause, adder) -> FunctionCounter.builder("doorman.calls.refused", adder, LongAdder::sum)
                .tag("cause", cause).description("Connections refused at once, by cause").register(registry));
        violations.forEach((v, adder) -> FunctionCounter.builder("doorman.protocol.errors", adder, LongAdder::sum)
                .tag("violation", v).description("Connections ended for breaking the AudioSocket protocol")
                .register(registry));
        counter(registry, "doorman.playback.frames.sent", framesSent, "Audio frames sent (prompts and comfort silence)");
        counter(registry, "doorman.playback.frames.late", framesLate, "Frames sent more than 2 ms after their nominal time");
        counter(registry, "doorman.playback.frames.skipped", framesSkipped, "Frames skipped because the peer was not reading");
        counter(registry, "doorman.playback.underruns", underruns,
                "Frames of silence sent because a prompt still being synthesized had no audio ready");
        counter(registry, "doorman.playback.resyncs", resyncs, "Playout timeline re-anchored after a stalled event loop");
        counter(registry, "doorman.playback.tick.failures", tickFailures, "Exceptions escaping a call's playout tick");
        FunctionCounter.builder("doorman.playback.prompts", promptsComplete, LongAdder::sum).tag("interrupted", "false")
                .description("Prompts played").register(registry);
        FunctionCounter.builder("doorman.playback.prompts", promptsInterrupted, LongAdder::sum).tag("interrupted", "true")
                .description("Prompts played").register(registry);
        counter(registry, "doorman.barge.ins", bargeIns, "Prompts stopped by caller speech");
        counter(registry, "doorman.vad.utterances", utterances, "Caller utterances detected");
        counter(registry, "doorman.dtmf.received", dtmf, "DTMF digits received");
        counter(registry, "doorman.workers.rejected", workerRejections, "Stage tasks rejected by the full worker pool");
        counter(registry, "doorman.behavior.errors", behaviorErrors, "Exceptions thrown by call behaviors");
        counter(registry, "doorman.warnings.suppressed", warningsSuppressed,
                "WARN lines about misbehaving peers left out by the one-per-second limit");
        gapError = Timer.builder("doorman.playback.gap.error")
                .description("|time between consecutive frames of a call - 20 ms|, measured when sent")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50))
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    public int activeCalls() {
        return active.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int activeCalls(String building) {
        AtomicInteger count = active.get(building);
        return count == null ? 0 : count.get();
    }

    void callStarted(String building) {
        String b = known(building);
        active.get(b).incrementAndGet();
        started.get(b).increment();
    }

    void callEnded(String building, String reason) {
        String b = known(building);
        active.get(b).decrementAndGet();
        count(ended.get(b), reason);
    }

    void legStarted() {
        activeLegs.incrementAndGet();
    }

    void legEnded(String reason) {
        activeLegs.decrementAndGet();
        count(legsEnded, reason);
    }

    public void callRefused(String cause) {
        count(refused, cause);
    }

    public void protocolError(String violation) {
        count(violations, violation);
    }

    void frameSent(long latenessNanos) {
        framesSent.increment();
        if (latenessNanos > LATE_NANOS) {
            framesLate.increment();
        }
    }

    void frameSkipped() {
        framesSkipped.increment();
    }

    void underrun() {
        underruns.increment();
    }

    void gap(long errorNanos) {
        Timer timer = gapError;
        if (timer != null) {
            timer.record(errorNanos, TimeUnit.NANOSECONDS);
        }
    }

    void playoutResync() {
        resyncs.increment();
    }

    void tickFailure() {
        tickFailures.increment();
    }

    void promptFinished(boolean interrupted) {
        (interrupted ? promptsInterrupted : promptsComplete).increment();
    }

    void bargeIn() {
        bargeIns.increment();
    }

    void utterance() {
        utterances.increment();
    }

    void dtmf() {
        dtmf.increment();
    }

    void workerRejected() {
        workerRejections.increment();
    }

    void behaviorError() {
        behaviorErrors.increment();
    }

    void warningSuppressed() {
        warningsSuppressed.increment();
    }

    // Read back by tests and the admin endpoint.
    public long endedCount(String reason) {
        return ended.keySet().stream().mapToLong(building -> endedCount(building, reason)).sum();
    }

    public long endedCount(String building, String reason) {
        Map<String, LongAdder> reasons = ended.get(building);
        return reasons == null ? 0 : reasons.getOrDefault(reason, reasons.get("other")).sum();
    }

    public long startedCount(String building) {
        LongAdder adder = started.get(building);
        return adder == null ? 0 : adder.sum();
    }

    public long refusedCount(String cause) {
        return refused.getOrDefault(cause, refused.get("other")).sum();
    }

    public long protocolErrorCount(String violation) {
        return violations.getOrDefault(violation, violations.get("other")).sum();
    }

    public long framesSent() {
        return framesSent.sum();
    }

    public long framesSkipped() {
        return framesSkipped.sum();
    }

    public long warningsSuppressed() {
        return warningsSuppressed.sum();
    }
}
