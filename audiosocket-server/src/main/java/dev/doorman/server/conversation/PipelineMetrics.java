package dev.doorman.server.conversation;

import dev.doorman.events.Party;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the spoken-turn pipelines of all calls do with their work, as meters (names as Prometheus
 * shows them):
 *
 * <ul>
 *   <li>{@code doorman_turn_latency_seconds{party}}: a histogram of the time from the end of the
 *       party's speech to the first frame of the answer ({@code PLAYBACK_START − SPEECH_ENDED});</li>
 *   <li>{@code doorman_pipeline_dropped_total{stage,reason}}: work a stage dropped: its inbox was
 *       full ({@code inbox_full}), the leg hung up ({@code hangup}), or a newer utterance made a
 *       reply stale ({@code newer_turn});</li>
 *   <li>{@code doorman_pipeline_cancelled_total{stage,reason}}: work stopped while it ran
 *       ({@code barge_in}, {@code hangup}, {@code newer_turn});</li>
 *   <li>{@code doorman_pipeline_merged_total{stage}}: audio chunks that joined a batch waiting for
 *       the recognizer instead of queuing on their own.</li>
 * </ul>
 * Counting works before binding (adders read by function counters, like Micrometer's binders).
 */
public final class PipelineMetrics implements MeterBinder {
    public static final List<String> STAGES = List.of(RecognitionStage.NAME, UnderstandingStage.NAME,
            SynthesisStage.NAME);
    public static final List<String> DROP_REASONS = List.of("inbox_full", "hangup", "newer_turn");
    public static final List<String> CANCEL_REASONS = List.of("barge_in", "hangup", "newer_turn");

    private final Map<String, LongAdder> dropped = adders(DROP_REASONS);
    private final Map<String, LongAdder> cancelled = adders(CANCEL_REASONS);
    private final Map<String, LongAdder> merged = new LinkedHashMap<>();
    private volatile Map<Party, Timer> turnLatency = Map.of();

    public PipelineMetrics() {
        STAGES.forEach(stage -> merged.put(stage, new LongAdder()));
    }

    private static Map<String, LongAdder> adders(List<String> reasons) {
        Map<String, LongAdder> map = new LinkedHashMap<>();
        for (String stage : STAGES) {
            for (String reason : reasons) {
                map.put(stage + "/" + reason, new LongAdder());
            }
        }
        return map;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        dropped.forEach((key, adder) -> FunctionCounter.builder("doorman.pipeline.dropped", adder, LongAdder::sum)
                .tag("stage", key.substring(0, key.indexOf('/'))).tag("reason", key.substring(key.indexOf('/') + 1))
                .description("Work a pipeline stage dropped before running it").register(registry));
        cancelled.forEach((key, adder) -> FunctionCounter.builder("doorman.pipeline.cancelled", adder, LongAdder::sum)
                .tag("stage", key.substring(0, key.indexOf('/'))).tag("reason", key.substring(key.indexOf('/') + 1))
                .description("Pipeline work stopped while it ran").register(registry));
        merged.forEach((stage, adder) -> FunctionCounter.builder("doorman.pipeline.merged", adder, LongAdder::sum)
                .tag("stage", stage).description("Items merged into one already waiting in a stage's inbox")
                .register(registry));
        Map<Party, Timer> timers = new EnumMap<>(Party.class);
        for (Party party : Party.values()) {
            timers.put(party, Timer.builder("doorman.turn.latency")
                    .tag("party", party.wireName())
                    .description("End of the party's speech to the first frame of the answer")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
        turnLatency = timers;
    }

    void dropped(String stage, String reason) {
        count(dropped, stage + "/" + reason);
    }

    void dropped(String stage, String reason, int n) {
        LongAdder adder = dropped.get(stage + "/" + reason);
        if (adder != null) {
            adder.add(n);
        }
    }

    void cancelled(String stage, String reason) {
        count(cancelled, stage + "/" + reason);
    }

    void merged(String stage) {
        merged.get(stage).increment();
    }

    /** The answer to the party's speech started playing {@code nanos} after the speech ended. */
    public void turnLatency(Party party, long nanos) {
        Timer timer = turnLatency.get(party);
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** For tests: how many times {@code stage} dropped work for {@code reason}. */
    public long droppedCount(String stage, String reason) {
        return dropped.get(stage + "/" + reason).sum();
    }

    public long cancelledCount(String stage, String reason) {
        return cancelled.get(stage + "/" + reason).sum();
    }

    public long mergedCount(String stage) {
        return merged.get(stage).sum();
    }

    private static void count(Map<String, LongAdder> map, String key) {
        LongAdder adder = map.get(key);
        if (adder != null) {
            adder.increment();
        }
    }
}
