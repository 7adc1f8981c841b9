package dev.doorman.calllogger.metrics;

import dev.doorman.events.Stage;
import dev.doorman.calllogger.writer.StageCompletionListener;
import dev.doorman.calllogger.writer.WriterCounters;
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
import java.util.function.IntSupplier;

/**
 * Binds the call logger's meters: its own health (events written/dropped, write errors, queue
 * depth, open files, bytes) and the latency of each pipeline stage, fed from every
 * {@code *_COMPLETE} event's {@code duration_ms} and tagged by stage and provider. The timers
 * publish percentile histograms, so Prometheus can aggregate quantiles across servers.
 */
public final class CallLoggerMetrics implements MeterBinder, StageCompletionListener {
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

    private final WriterCounters counters;
    private final IntSupplier queueDepth;
    private final int queueCapacity;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Timer[]> timers = new ConcurrentHashMap<>();

    public CallLoggerMetrics(WriterCounters counters, IntSupplier queueDepth, int queueCapacity) {
        this.counters = counters;
        this.queueDepth = queueDepth;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(EVENTS_WRITTEN, counters, WriterCounters::eventsWritten)
                .description("Events written to per-call JSONL files").register(registry);
        FunctionCounter.builder(EVENTS_DROPPED, counters, WriterCounters::eventsDropped)
                .description("Events dropped: queue full, call already ended, or lost to write errors")
                .register(registry);
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
        timers.clear(); // the next stage events register their timers in the new registry too
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
    public void stageCompleted(Stage stage, String provider, double durationMs) {
        if (registries.isEmpty() || !(durationMs >= 0)) {
            return;
        }
        long nanos = (long) (durationMs * 1_000_000.0);
        for (Timer timer : timers(stage, provider)) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Timer[] timers(Stage stage, String provider) {
        String key = stage.wireName() + '\u0000' + provider;
        Timer[] forKey = timers.get(key);
        if (forKey == null) {
            String tag = provider;
            if (timers.size() >= MAX_STAGE_TIMERS) {
                tag = "other";
                key = stage.wireName() + "\u0000other";
            }
            String providerTag = tag;
            forKey = timers.computeIfAbsent(key, k -> register(stage, providerTag));
        }
        return forKey;
    }

    private Timer[] register(Stage stage, String provider) {
        return registries.stream()
                .map(registry -> Timer.builder(STAGE_LATENCY)
                        .description("Latency of a call pipeline stage, from *_COMPLETE events' duration_ms")
                        .tag("stage", stage.wireName())
                        .tag("provider", provider)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry))
                .toArray(Timer[]::new);
    }
}
