package dev.doorman.analyzer.model;

import java.time.Instant;
import java.util.Locale;

/** What {@code --by} splits a summary by; each call falls in one group. */
public enum Dimension {
    /** The directory (or top-level folder of a tree) the call file came from. */
    SERVER,
    /** {@code CALL_SETUP.data.building}; calls without one are one unnamed building. */
    BUILDING,
    /** The UTC hour the call started in. */
    HOUR,
    /** The UTC day the call started on. */
    DAY;

    public static final String UNNAMED_BUILDING = "(unnamed)";
    public static final String NO_START = "(no start time)";

    public String key(CallSummary call) {
        return switch (this) {
            case SERVER -> call.server() == null ? "" : call.server();
            case BUILDING -> call.building() == null ? UNNAMED_BUILDING : call.building();
            case HOUR -> call.start() == null ? NO_START : hour(call.start());
            case DAY -> call.start() == null ? NO_START : day(call.start());
        };
    }

    /** {@code 2026-11-20T14:00Z}: sorts as time does. */
    static String hour(Instant start) {
        return start.toString().substring(0, 13) + ":00Z";
    }

    static String day(Instant start) {
        return start.toString().substring(0, 10);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
