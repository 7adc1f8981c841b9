package dev.doorman.server.call;

import dev.doorman.calllogger.CallLoggerManager;

import java.util.Objects;

/**
 * What the call sessions arriving on one AudioSocket port use: the server's shared parts, and the
 * building whose calls that port carries (its id and its call behavior).
 *
 * @param building the building id, written as {@code CALL_SETUP.data.building} and the metrics' tag
 */
public record CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics,
                           CallRegistry registry, WorkerPool workers, PlayoutClocks clocks,
                           CallBehaviorFactory behaviors, LegRouter legs, String building) {
    public CallServices {
        Objects.requireNonNull(building, "building");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(loggers, "loggers");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(clocks, "clocks");
        Objects.requireNonNull(behaviors, "behaviors");
        legs = legs == null ? LegRouter.NONE : legs;
    }

    /** The services of a server that places no call legs of its own. */
    public CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics, CallRegistry registry,
                        WorkerPool workers, PlayoutClocks clocks, CallBehaviorFactory behaviors) {
        this(settings, loggers, metrics, registry, workers, clocks, behaviors, LegRouter.NONE, "default");
    }
}
