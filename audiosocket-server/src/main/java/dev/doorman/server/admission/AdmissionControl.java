package dev.doorman.server.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides whether a new caller gets a conversation, from the engines' measured load, so that past
 * capacity one caller hears an honest "all lines are busy" instead of every caller waiting longer.
 *
 * <p>Capacity is the number of visits whose callers could all speak at once for a usual utterance
 * ({@code U}, measured) and still have their words decoded within the latency target ({@code L})
 * after they stop: {@code N × U × rtf <= cores × utilization × (U + L)}, with {@code rtf} the
 * recognizer's measured CPU seconds per second of audio, divided by {@code speakingShare} (the share
 * of callers expected to speak at the same moment: 0.5 by default, 1 for the worst case of everyone
 * at once). A caller is refused when
 * <ul>
 *   <li>{@code max_conversations}: the configured ceiling is reached;</li>
 *   <li>{@code capacity}: that many visits are already in progress;</li>
 *   <li>{@code backlog}: the audio waiting for the recognizer right now would take longer than
 *       {@code L} to decode on all cores (the engines are behind, e.g. other processes took the
 *       CPU).</li>
 * </ul>
 * An admitted visit holds a {@link Permit} until its call ends; its resident leg, if any, runs
 * within the visit's share. Before the recognizer has been measured only the ceiling applies.
 *
 * <p>Meters: {@code doorman_admission_admitted_total}, {@code doorman_admission_refused_total{reason}},
 * {@code doorman_admission_visits}, {@code doorman_admission_capacity},
 * {@code doorman_stt_real_time_factor}, {@code doorman_stt_backlog_seconds}.
 */
public final class AdmissionControl implements MeterBinder {
    public static final List<String> REASONS = List.of("max_conversations", "capacity", "backlog");
    private static final double DEFAULT_UTTERANCE_SECONDS = 3.0;

    /** The outcome for one caller. */
    public record Decision(Permit permit, String reason, int visits, int capacity) {
        public boolean admitted() {
            return permit != null;
        }
    }

    /** A visit's place; release it once when the call ends. */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (AdmissionControl.this) {
                    visits--;
                }
            }
        }
    }

    private final AdmissionConfig config;
    private final EngineLoad load;
    private final LongAdder admitted = new LongAdder();
    private final Map<String, LongAdder> refused = new LinkedHashMap<>();
    private int visits;

    public AdmissionControl(AdmissionConfig config, EngineLoad load) {
        this.config = config;
        this.load = load;
        REASONS.forEach(r -> refused.put(r, new LongAdder()));
    }

    public EngineLoad load() {
        return load;
    }

    public AdmissionConfig config() {
        return config;
    }

    /** Admits the caller (a permit to release at the end of the call) or says why not. Thread-safe. */
    public synchronized Decision admit() {
        int capacity = capacity();
        String reason = config.enabled() ? refusal(capacity) : null;
        if (reason != null) {
            refused.get(reason).increment();
            return new Decision(null, reason, visits, capacity);
        }
        visits++;
        admitted.increment();
        return new Decision(new Permit(), null, visits, capacity);
    }

    private String refusal(int capacity) {
        if (config.maxConversations() > 0 && visits >= config.maxConversations()) {
            return "max_conversations";
        }
        if (visits >= capacity) {
            return "capacity";
        }
        if (drainSeconds() > config.turnLatencyTargetMs() / 1000.0) {
            return "backlog";
        }
        return null;
    }

    /** Visits the engines can serve at once within the latency target; MAX_VALUE before the recognizer was measured. */
    public int capacity() {
        double rtf = load.realTimeFactor();
        if (Double.isNaN(rtf) || rtf <= 0) {
            return Integer.MAX_VALUE;
        }
        double u = load.utteranceSeconds();
        if (Double.isNaN(u) || u < 0.5) {
            u = DEFAULT_UTTERANCE_SECONDS;
        }
        double l = config.turnLatencyTargetMs() / 1000.0;
        double speakers = cores() * (u + l) / (u * rtf);
        return (int) Math.max(1, Math.floor(speakers / config.speakingShare()));
    }

    /** Seconds all cores need to decode the audio waiting now. */
    public double drainSeconds() {
        double rtf = load.realTimeFactor();
        return Double.isNaN(rtf) ? 0 : load.backlogSeconds() * rtf / cores();
    }

    public synchronized int visits() {
        return visits;
    }

    public long refusedCount(String reason) {
        return refused.get(reason).sum();
    }

    private double cores() {
        return config.effectiveCores() * config.utilization();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("doorman.admission.admitted", admitted, LongAdder::sum)
                .description("Callers given a conversation").register(registry);
        refused.forEach((reason, adder) -> FunctionCounter.builder("doorman.admission.refused", adder, LongAdder::sum)
                .tag("reason", reason).description("Callers told all lines are busy, by reason").register(registry));
        Gauge.builder("doorman.admission.visits", this, AdmissionControl::visits)
                .description("Admitted visits in progress").register(registry);
        Gauge.builder("doorman.admission.capacity", this, a -> {
            int c = a.capacity();
            return c == Integer.MAX_VALUE ? Double.NaN : c;
        }).description("Visits the engines can serve at once within the latency target (measured)").register(registry);
        Gauge.builder("doorman.stt.real.time.factor", load, EngineLoad::realTimeFactor)
                .description("Recognizer CPU seconds per second of audio, recent").register(registry);
        Gauge.builder("doorman.stt.backlog", load, EngineLoad::backlogSeconds).baseUnit("seconds")
                .description("Audio waiting for the recognizer, all calls").register(registry);
    }
}
