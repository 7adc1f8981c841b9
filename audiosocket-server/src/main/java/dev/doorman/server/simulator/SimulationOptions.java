package dev.doorman.server.simulator;

import dev.doorman.events.CallId;
import dev.doorman.server.audio.WavFile;

import java.time.Duration;
import java.util.Objects;

/**
 * What a simulated caller does, the way Asterisk's {@code AudioSocket()} application would: connect
 * to {@code host:port}, send the call's UUID, stream {@code audio} one 20 ms frame per 20 ms at the
 * audio's sample rate, press the {@code dtmf} digits (one 0x03 frame each, the first at
 * {@code dtmfAt}, then one every {@code dtmfInterval}), keep streaming silence for
 * {@code silenceAfter}, then hang up by closing the socket.
 *
 * <p>{@code mute} callers send the UUID and nothing else (they wait for the server to end the call,
 * or for {@code maxDuration}). {@code calls} callers are started evenly over {@code ramp} in a load
 * run; with more than one call {@code callId} must be null (each call gets a random UUID).
 * {@code record} keeps the audio the server sends (16 KB per second of call at 8 kHz: leave it off
 * for large load runs). A refused connection is retried for up to {@code connectWait}, so a caller
 * started together with the server waits for it to listen.
 */
public record SimulationOptions(String host, int port, WavFile audio, String callId,
                                String dtmf, Duration dtmfAt, Duration dtmfInterval,
                                Duration silenceAfter, boolean mute, boolean record,
                                Duration maxDuration, Duration connectTimeout, Duration connectWait,
                                int calls, Duration ramp) {

    /** Digits Asterisk can send in a DTMF frame. */
    public static final String DTMF_DIGITS = "0123456789*#ABCD";

    public SimulationOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(audio, "audio");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
        if (callId != null) {
            callId = CallId.normalize(callId);
        }
        dtmf = dtmf == null ? "" : dtmf.toUpperCase(java.util.Locale.ROOT);
        for (char c : dtmf.toCharArray()) {
            if (DTMF_DIGITS.indexOf(c) < 0) {
                throw new IllegalArgumentException("DTMF digit '" + c + "' is not one of " + DTMF_DIGITS);
            }
        }
        requireNotNegative(dtmfAt, "DTMF start");
        requireNotNegative(dtmfInterval, "DTMF interval");
        requireNotNegative(silenceAfter, "silence after the audio");
        requirePositive(maxDuration, "maximum call duration");
        requirePositive(connectTimeout, "connect timeout");
        requireNotNegative(connectWait, "wait for the server");
        requireNotNegative(ramp, "ramp");
        if (calls < 1) {
            throw new IllegalArgumentException("number of calls must be at least 1: " + calls);
        }
        if (calls > 1 && callId != null) {
            throw new IllegalArgumentException("a fixed call id works for one call only; got " + calls
                    + " calls (leave the call id out to give each call a random UUID)");
        }
        AudioFraming.forRate(audio.sampleRate()); // rejects rates AudioSocket has no kind for
    }

    public static Builder builder(String host, int port, WavFile audio) {
        return new Builder(host, port, audio);
    }

    public Builder toBuilder() {
        Builder b = new Builder(host, port, audio);
        b.callId = callId;
        b.dtmf = dtmf;
        b.dtmfAt = dtmfAt;
        b.dtmfInterval = dtmfInterval;
        b.silenceAfter = silenceAfter;
        b.mute = mute;
        b.record = record;
        b.maxDuration = maxDuration;
        b.connectTimeout = connectTimeout;
        b.connectWait = connectWait;
        b.calls = calls;
        b.ramp = ramp;
        return b;
    }

    public int sampleRate() {
        return audio.sampleRate();
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }

    private static void requirePositive(Duration d, String what) {
        requireNotNegative(d, what);
        if (d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** Defaults: no DTMF, 1 s of trailing silence, record on, 5 min limit, one call, no waiting for the server. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final WavFile audio;
        private String callId;
        private String dtmf = "";
        private Duration dtmfAt = Duration.ofMillis(500);
        private Duration dtmfInterval = Duration.ofMillis(250);
        private Duration silenceAfter = Duration.ofSeconds(1);
        private boolean mute;
        private boolean record = true;
        private Duration maxDuration = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration connectWait = Duration.ZERO;
        private int calls = 1;
        private Duration ramp = Duration.ZERO;

        private Builder(String host, int port, WavFile audio) {
            this.host = host;
            this.port = port;
            this.audio = audio;
        }

        public Builder callId(String callId) {
            this.callId = callId;
            return this;
        }

        public Builder dtmf(String digits, Duration at) {
            this.dtmf = digits;
            this.dtmfAt = at;
            return this;
        }

        public Builder dtmfInterval(Duration interval) {
            this.dtmfInterval = interval;
            return this;
        }

        public Builder silenceAfter(Duration silence) {
            this.silenceAfter = silence;
            return this;
        }

        public Builder mute(boolean mute) {
            this.mute = mute;
            return this;
        }

        public Builder record(boolean record) {
            this.record = record;
            return this;
        }

        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = maxDuration;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Retry a refused connection for up to this long (the server may still be starting). */
        public Builder connectWait(Duration connectWait) {
            this.connectWait = connectWait;
            return this;
        }

        public Builder calls(int calls, Duration ramp) {
            this.calls = calls;
            this.ramp = ramp;
            return this;
        }

        public SimulationOptions build() {
            return new SimulationOptions(host, port, audio, callId, dtmf, dtmfAt, dtmfInterval,
                    silenceAfter, mute, record, maxDuration, connectTimeout, connectWait, calls, ramp);
        }
    }
}
