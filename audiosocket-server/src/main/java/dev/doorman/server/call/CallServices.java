package dev.doorman.server.call;

import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.pipeline.vad.VoiceActivityDetector;

import java.util.Objects;

/**
 * What the call sessions arriving on one AudioSocket port use: the server's shared parts, and the
 * building whose calls that port carries (its id and its call behavior).
 *
 * @param vads     makes each call's voice activity detector (today's energy detector when null)
 * @param building the building id, written as {@code CALL_SETUP.data.building} and the metrics' tag
 */
public record CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics,
                           CallRegistry registry, WorkerPool workers, PlayoutClocks clocks,
                           CallBehaviorFactory behaviors, LegRouter legs, VoiceActivityDetector.Factory vads,
                           String building) {
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
        vads = vads == null ? VoiceActivityDetector.Factory.ENERGY : vads;
    }

    /** The services of the default building with today's voice activity detector. */
    public CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics, CallRegistry registry,
                        WorkerPool workers, PlayoutClocks clocks, CallBehaviorFactory behaviors, LegRouter legs) {
        this(settings, loggers, metrics, registry, workers, clocks, behaviors, legs, null, "default");
    }

    /** The services of a server that places no call legs of its own. */
    public CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics, CallRegistry registry,
                        WorkerPool workers, PlayoutClocks clocks, CallBehaviorFactory behaviors) {
        this(settings, loggers, metrics, registry, workers, clocks, behaviors, LegRouter.NONE, null, "default");
    }
}
