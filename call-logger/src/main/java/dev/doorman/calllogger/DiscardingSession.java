package dev.doorman.calllogger;

import dev.doorman.calllogger.metrics.StageLatency;
import dev.doorman.events.Stage;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A call's logger when call logging is disabled: events go nowhere (no queue, no file, nothing
 * counted), while the stage latency metrics are still recorded.
 */
final class DiscardingSession implements CallLogger.EventSink {
    private final StageLatency latency;
    private final Consumer<CallLogger> onEnded;
    private final AtomicBoolean open = new AtomicBoolean(true);
    final CallLogger logger;

    DiscardingSession(String callId, StageLatency latency, Consumer<CallLogger> onEnded) {
        this.latency = latency;
        this.onEnded = onEnded;
        this.logger = new CallLogger(callId, this);
    }

    @Override
    public void submit(CallLogger logger, String type, Map<String, ?> data) {
    }

    @Override
    public void submit(CallLogger logger, String type, Map<String, ?> data, long nanos) {
    }

    @Override
    public void stageCompleted(Stage stage, String provider, long nanos) {
        StageLatencies.record(latency, stage, provider, nanos);
    }

    @Override
    public void end(CallLogger logger, String reason) {
        if (open.compareAndSet(true, false)) {
            onEnded.accept(logger);
        }
    }

    @Override
    public boolean isOpen(CallLogger logger) {
        return open.get();
    }
}
