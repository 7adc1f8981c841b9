package dev.doorman.server.call;

import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.pipeline.vad.VoiceActivityDetector;

import java.util.Objects;

/**
 * The shared parts every call session uses, created once by the server.
 *
 * @param vads makes each call's voice activity detector (today's energy detector when null)
 */
public record CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics,
                           CallRegistry registry, WorkerPool workers, PlayoutClocks clocks,
                           CallBehaviorFactory behaviors, LegRouter legs, VoiceActivityDetector.Factory vads) {
    public CallServices {
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

    /** The services with today's voice activity detector. */
    public CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics, CallRegistry registry,
                        WorkerPool workers, PlayoutClocks clocks, CallBehaviorFactory behaviors, LegRouter legs) {
        this(settings, loggers, metrics, registry, workers, clocks, behaviors, legs, null);
    }

    /** The services of a server that places no call legs of its own. */
    public CallServices(CallSettings settings, CallLoggerManager loggers, CallMetrics metrics, CallRegistry registry,
                        WorkerPool workers, PlayoutClocks clocks, CallBehaviorFactory behaviors) {
        this(settings, loggers, metrics, registry, workers, clocks, behaviors, LegRouter.NONE, null);
    }
}
