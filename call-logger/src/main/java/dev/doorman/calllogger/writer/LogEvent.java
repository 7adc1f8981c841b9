package dev.doorman.calllogger.writer;

import java.util.Map;

/** One queued record: an event of a call, or a marker the writer turns into CALL_SETUP / CALL_ENDED. */
final class LogEvent {
    enum Kind { EVENT, SETUP, END }

    final Kind kind;
    final CallLog call;
    final String type;
    final Map<String, ?> data;
    /** System.nanoTime() on the calling thread: elapsed_ms and ts are derived from it. */
    final long nanos;
    /** The call's overflow count when this was queued: drops up to it happened before this event. */
    final long droppedBefore;

    LogEvent(Kind kind, CallLog call, String type, Map<String, ?> data, long nanos, long droppedBefore) {
        this.kind = kind;
        this.call = call;
        this.type = type;
        this.data = data;
        this.nanos = nanos;
        this.droppedBefore = droppedBefore;
    }
}
