package dev.doorman.calllogger;

import dev.doorman.calllogger.metrics.StageLatency;
import dev.doorman.calllogger.writer.CallLog;
import dev.doorman.calllogger.writer.LogWriter;
import dev.doorman.events.Stage;

import java.util.Map;
import java.util.function.Consumer;

/** Connects one {@link CallLogger} to the writer; tells the manager when the call ended. */
final class CallSession implements CallLogger.EventSink {
    private final CallLog log;
    private final LogWriter writer;
    private final StageLatency latency;
    private final Consumer<CallLogger> onEnded;
    final CallLogger logger;

    CallSession(CallLog log, LogWriter writer, StageLatency latency, Consumer<CallLogger> onEnded) {
        this.log = log;
        this.writer = writer;
        this.latency = latency;
        this.onEnded = onEnded;
        this.logger = new CallLogger(log.callId(), this);
    }

    @Override
    public void submit(CallLogger logger, String type, Map<String, ?> data) {
        writer.submit(log, type, data);
    }

    @Override
    public void submit(CallLogger logger, String type, Map<String, ?> data, long nanos) {
        writer.submit(log, type, data, nanos);
    }

    @Override
    public void stageCompleted(Stage stage, String provider, long nanos) {
        StageLatencies.record(latency, stage, provider, nanos);
    }

    @Override
    public void end(CallLogger logger, String reason) {
        if (writer.end(log, reason)) {
            onEnded.accept(logger);
        }
    }

    @Override
    public boolean isOpen(CallLogger logger) {
        return log.isOpen();
    }
}
