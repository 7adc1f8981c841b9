package dev.doorman.server.resident;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The resident leg's meters: {@code doorman_resident_ring_seconds} (histogram, CALL_MORADOR to the
 * leg connected), {@code doorman_resident_attempts_total{outcome}} and
 * {@code doorman_resident_decisions_total{decision}}. Every tag value is registered at bind time, so
 * the series exist (at zero) before the first visit.
 */
public final class ResidentMetrics implements MeterBinder {
    static final List<String> DECISIONS = List.of(ResidentDecision.AUTHORIZED, ResidentDecision.DENIED,
            ResidentDecision.NO_ANSWER, ResidentDecision.VISITOR_LEFT);

    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
    private volatile Timer ring;

    public ResidentMetrics() {
        for (DialOutcome o : DialOutcome.values()) {
            attempts.put(o.wireName(), new LongAdder());
        }
        DECISIONS.forEach(d -> decisions.put(d, new LongAdder()));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bindTo(registry, Tags.empty());
    }

    /** These meters bound with more tags (e.g. the building of the resident service). */
    MeterBinder tagged(Iterable<Tag> tags) {
        return registry -> bindTo(registry, Tags.of(tags));
    }

    private void bindTo(MeterRegistry registry, Tags tags) {
        ring = Timer.builder("doorman.resident.ring")
                .tags(tags)
                .description("Time the resident's phone rang before the leg connected")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        attempts.forEach((outcome, adder) -> FunctionCounter.builder("doorman.resident.attempts", adder, LongAdder::sum)
                .tags(tags).tag("outcome", outcome).description("Attempts to ring a resident, by outcome").register(registry));
        decisions.forEach((decision, adder) -> FunctionCounter.builder("doorman.resident.decisions", adder, LongAdder::sum)
                .tags(tags).tag("decision", decision).description("Visits concluded, by decision").register(registry));
    }

    void attempt(DialOutcome outcome) {
        attempts.get(outcome.wireName()).increment();
    }

    void ring(double millis) {
        Timer t = ring;
        if (t != null) {
            t.record(Duration.ofNanos((long) (millis * 1e6)));
        }
    }

    void decision(String decision) {
        LongAdder adder = decisions.get(decision);
        if (adder != null) {
            adder.increment();
        }
    }

    /** Test view. */
    long decisions(String decision) {
        return decisions.get(decision).sum();
    }
}
