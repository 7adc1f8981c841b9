package dev.doorman.calllogger.writer;

import dev.doorman.events.Stage;

/** Told about each {@code *_COMPLETE} event the writer handles (feeds the stage latency timers). */
@FunctionalInterface
public interface StageCompletionListener {
    StageCompletionListener NONE = (stage, provider, durationMs) -> { };

    void stageCompleted(Stage stage, String provider, double durationMs);
}
