package dev.doorman.calllogger.metrics;

import dev.doorman.calllogger.writer.DropReason;
import dev.doorman.calllogger.writer.WriterCounters;
import dev.doorman.events.Stage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Binds the call logger's meters: its own health (events written/dropped by reason, write errors,
 * queue depth, open files, bytes) and the latency of each pipeline stage, recorded by the stage
 * timers when a stage completes and tagged by stage and provider. The timers publish percentile
 * histograms, so Prometheus can aggregate quantiles across servers.
 */
public final class CallLoggerMetrics implements MeterBinder, StageLatency {
    public static final String EVENTS_WRITTEN = "calllog.events.written";
    public static final String EVENTS_DROPPED = "calllog.events.dropped";
    public static final String WRITE_ERRORS = "calllog.write.errors";
    public static final String QUEUE_DEPTH = "calllog.queue.depth";
    public static final String QUEUE_CAPACITY = "calllog.queue.capacity";
    public static final String OPEN_FILES = "calllog.open.files";
    public static final String BYTES_WRITTEN = "calllog.bytes.written";
    public static final String STAGE_LATENCY = "call.stage.latency";
    /** Distinct (stage, provider) timers kept; later providers are tagged "other" to bound cardinality. */
    static final int MAX_STAGE_TIMERS = 64;
    private static final String UNKNOWN_PROVIDER = "unknown";
    private static final String OTHER_PROVIDER = "other";

    private final WriterCounters counters;
    private final IntSupplier queueDepth;
    private final int queueCapacity;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    // Per stage: provider -> the timer in each bound registry. No key building on the calling thread.
    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, Timer[]>[] timers = new ConcurrentHashMap[Stage.values().length];
    private final AtomicInteger timerCount = new AtomicInteger();

    public CallLoggerMetrics(WriterCounters counters, IntSupplier queueDepth, int queueCapacity) {
        this.counters = counters;
        this.queueDepth = queueDepth;
        this.queueCapacity = queueCapacity;
        for (int i = 0; i < timers.length; i++) {
            timers[i] = new ConcurrentHashMap<>();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(EVENTS_WRITTEN, counters, WriterCounters::eventsWritten)
                .description("Lines written to per-call JSONL files").register(registry);
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder(EVENTS_DROPPED, counters, c -> c.eventsDropped(reason))
                    .description("Events (or lines) that did not end up in their call file, by reason")
                    .tag("reason", reason.tag())
                    .register(registry);
        }
        FunctionCounter.builder(WRITE_ERRORS, counters, WriterCounters::writeErrors)
                .description("Failed call-file opens or writes").register(registry);
        FunctionCounter.builder(BYTES_WRITTEN, counters, WriterCounters::bytesWritten)
                .description("Bytes written to call files").register(registry);
        Gauge.builder(QUEUE_DEPTH, queueDepth, IntSupplier::getAsInt)
                .description("Events waiting for the writer").register(registry);
        Gauge.builder(QUEUE_CAPACITY, () -> queueCapacity)
                .description("Capacity of the event queue").register(registry);
        Gauge.builder(OPEN_FILES, counters, WriterCounters::openFiles)
                .description("Call files currently open").register(registry);
        registries.add(registry);
        for (ConcurrentHashMap<String, Timer[]> byProvider : timers) {
            byProvider.clear(); // the next stages register their timers in the new registry too
        }
        timerCount.set(0);
    }

    /**
     * Registers the stage's latency series now, with zero counts, so dashboards and alerts see it
     * from the start rather than after the first call.
     */
    public void expectStage(Stage stage, String provider) {
        if (!registries.isEmpty()) {
            timers(stage, provider);
        }
    }

    @Override
    public void record(Stage stage, String provider, long nanos) {
        if (registries.isEmpty() || nanos < 0) {
            return;
        }
        for (Timer timer : timers(stage, provider)) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Timer[] timers(Stage stage, String provider) {
        String tag = provider == null ? UNKNOWN_PROVIDER : provider;
        ConcurrentHashMap<String, Timer[]> byProvider = timers[stage.ordinal()];
        Timer[] forProvider = byProvider.get(tag);
        if (forProvider == null) {
            if (timerCount.get() >= MAX_STAGE_TIMERS) {
                tag = OTHER_PROVIDER;
            }
            String providerTag = tag;
            forProvider = byProvider.computeIfAbsent(tag, k -> {
                timerCount.incrementAndGet();
                return register(stage, providerTag);
            });
        }
        return forProvider;
    }

    private Timer[] register(Stage stage, String provider) {
        return registries.stream()
                .map(registry -> Timer.builder(STAGE_LATENCY)
                        .description("Latency of a call pipeline stage, from its start to its *_COMPLETE event")
                        .tag("stage", stage.wireName())
                        .tag("provider", provider)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry))
                .toArray(Timer[]::new);
    }
}
