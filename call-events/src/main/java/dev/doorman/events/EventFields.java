package dev.doorman.events;

/** Field names of the JSONL schema (docs/events.md), shared by writer and readers. */
public final class EventFields {
    public static final String TS = "ts";
    public static final String CALL_ID = "call_id";
    public static final String SEQ = "seq";
    public static final String ELAPSED_MS = "elapsed_ms";
    public static final String EVENT = "event";
    public static final String DATA = "data";

    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    public static final String TURN = "turn";
    public static final String DURATION_MS = "duration_ms";
    public static final String HANGOVER_MS = "hangover_ms";
    public static final String PROVIDER = "provider";
    public static final String TEXT = "text";
    public static final String CACHED = "cached";
    public static final String REASON = "reason";
    public static final String COUNT = "count";

    private EventFields() {
    }
}
