package dev.doorman.analyzer.read;

import dev.doorman.events.EventType;

/**
 * One parsed line of a call file. {@code ts} stays the raw string and is parsed only where a
 * report needs wall-clock time (call start, errors): most events never need it. {@code type} is
 * null for custom or unknown event names, which are kept as {@code eventName}.
 */
public record CallEvent(long line, String ts, String callId, long seq, double elapsedMs,
                        String eventName, EventType type, EventData data) {

    /** No {@code seq} in the line (legacy files have none). */
    public static final long NO_SEQ = -1;

    public boolean is(EventType expected) {
        return type == expected;
    }
}
