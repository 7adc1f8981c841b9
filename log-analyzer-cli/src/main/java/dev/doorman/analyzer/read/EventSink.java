package dev.doorman.analyzer.read;

/** Receives a call file's events in file order. */
@FunctionalInterface
public interface EventSink {
    void accept(CallEvent event);

    /** Whether the sink still needs an event's wall-clock time to know when the call started (readers may skip it otherwise). */
    default boolean needsStartTime() {
        return true;
    }
}
