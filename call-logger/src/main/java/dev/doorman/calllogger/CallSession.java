package dev.doorman.calllogger;

import dev.doorman.calllogger.writer.CallLog;
import dev.doorman.calllogger.writer.LogWriter;

import java.util.Map;
import java.util.function.Consumer;

/** Connects one {@link CallLogger} to the writer; tells the manager when the call ended. */
final class CallSession implements CallLogger.EventSink {
    private final CallLog log;
    private final LogWriter writer;
    private final Consumer<CallSession> onEnded;
    final CallLogger logger;

    CallSession(CallLog log, LogWriter writer, Consumer<CallSession> onEnded) {
        this.log = log;
        this.writer = writer;
        this.onEnded = onEnded;
        this.logger = new CallLogger(log.callId(), this);
    }

    String callId() {
        return log.callId();
    }

    @Override
    public void submit(CallLogger logger, String type, Map<String, ?> data) {
        writer.submit(log, type, data);
    }

    @Override
    public void end(CallLogger logger, String reason) {
        if (writer.end(log, reason)) {
            onEnded.accept(this);
        }
    }

    @Override
    public boolean isOpen(CallLogger logger) {
        return log.isOpen();
    }
}
