package dev.doorman.calllogger.metrics;

import dev.doorman.events.Stage;

/** Where a finished stage's latency goes (the {@code call.stage.latency} timers). */
@FunctionalInterface
public interface StageLatency {
    StageLatency NONE = (stage, provider, nanos) -> { };

    /** One stage of one call took {@code nanos}; {@code provider} may be null (tagged {@code unknown}). */
    void record(Stage stage, String provider, long nanos);
}
