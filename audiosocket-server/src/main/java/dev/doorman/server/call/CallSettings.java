package dev.doorman.server.call;

import dev.doorman.server.pipeline.vad.VadConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * What every call session needs to know from the configuration.
 *
 * @param defaultSampleRate   the call's rate until Asterisk's first audio frame says otherwise
 * @param maxCallDuration     calls are hung up ({@code max_duration}) after this long
 * @param comfortSilence      send silence while nothing plays (Asterisk gives up after 2 s with
 *                            neither side sending audio)
 * @param bargeIn             caller speech stops the current prompt
 * @param vad                 the voice activity detector's settings
 * @param maxUnwritableFrames consecutive frames a call may skip because the peer does not read
 *                            before it is closed ({@code slow_reader})
 */
public record CallSettings(int defaultSampleRate, Duration maxCallDuration, boolean comfortSilence,
                           boolean bargeIn, VadConfig vad, int maxUnwritableFrames) {
    /** The longest a call's CALL_ENDED waits for its behavior's last events (see {@link CallBehavior#drained()}). */
    public static final Duration DRAIN_LIMIT = Duration.ofSeconds(15);

    public CallSettings {
        Objects.requireNonNull(maxCallDuration, "maxCallDuration");
        Objects.requireNonNull(vad, "vad");
        dev.doorman.server.protocol.FrameKind.audioForRate(defaultSampleRate); // validates the rate
        if (maxUnwritableFrames < 1) {
            throw new IllegalArgumentException("maxUnwritableFrames must be >= 1");
        }
    }

    public static CallSettings defaults() {
        return new CallSettings(8000, Duration.ofMinutes(10), true, true, VadConfig.defaults(), 100);
    }

    public CallSettings withMaxCallDuration(Duration duration) {
        return new CallSettings(defaultSampleRate, duration, comfortSilence, bargeIn, vad, maxUnwritableFrames);
    }

    public CallSettings withComfortSilence(boolean enabled) {
        return new CallSettings(defaultSampleRate, maxCallDuration, enabled, bargeIn, vad, maxUnwritableFrames);
    }

    public CallSettings withBargeIn(boolean enabled) {
        return new CallSettings(defaultSampleRate, maxCallDuration, comfortSilence, enabled, vad, maxUnwritableFrames);
    }

    public CallSettings withVad(VadConfig config) {
        return new CallSettings(defaultSampleRate, maxCallDuration, comfortSilence, bargeIn, config, maxUnwritableFrames);
    }
}
