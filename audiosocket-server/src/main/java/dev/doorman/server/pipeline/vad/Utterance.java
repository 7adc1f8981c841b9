package dev.doorman.server.pipeline.vad;

import java.util.Objects;

/**
 * One caller utterance cut by the {@link VoiceActivityDetector}.
 *
 * @param pcm         16-bit LE mono audio: the pre-roll, the speech and up to {@code tailMs} of what
 *                    followed the last speech frame
 * @param sampleRate  Hz
 * @param startSample position of the first speech frame (the pcm begins up to preRollMs earlier)
 * @param endSample   position just after the last speech frame
 * @param durationMs  speech duration, {@code (endSample - startSample)} in milliseconds
 * @param hangoverMs  silence between the last speech frame and the end decision (what the caller
 *                    waited for the bot to notice they stopped); below hangoverMs for a forced cut
 * @param endedBy     what ended it: the caller's silence, the length limit or a reset
 */
public record Utterance(byte[] pcm, int sampleRate, long startSample, long endSample, double durationMs,
                        double hangoverMs, EndedBy endedBy) {
    /** Why an utterance ended. */
    public enum EndedBy {
        /** {@code hangoverMs} of silence after the last speech frame: the normal end. */
        SILENCE,
        /** Cut at {@code maxUtteranceMs}. */
        MAX_LENGTH,
        /** Cut by {@link VoiceActivityDetector#reset()}. */
        RESET
    }

    public Utterance {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(endedBy, "endedBy");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (endSample < startSample) {
            throw new IllegalArgumentException("endSample " + endSample + " before startSample " + startSample);
        }
    }

    /** An utterance that ended on the caller's silence. */
    public Utterance(byte[] pcm, int sampleRate, long startSample, long endSample, double durationMs,
                     double hangoverMs) {
        this(pcm, sampleRate, startSample, endSample, durationMs, hangoverMs, EndedBy.SILENCE);
    }

    /** Milliseconds of audio in {@link #pcm()}. */
    public double audioMs() {
        return pcm.length / 2 * 1000.0 / sampleRate;
    }
}
