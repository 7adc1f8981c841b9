package dev.doorman.server.call;

import dev.doorman.events.Party;

import java.util.Objects;

/**
 * Audio to play to one party: signed 16-bit little-endian mono PCM at the call's sample rate
 * (as reported by {@link CallControl#sampleRate()} when it is queued).
 *
 * @param pcm    the samples; not copied, do not modify after queuing
 * @param target who hears it (written as {@code target} in PLAYBACK_* events)
 * @param turn   the dialog turn it answers (0 for the greeting)
 * @param label  a short name for logs, e.g. {@code greeting}
 */
public record Prompt(byte[] pcm, Party target, int turn, String label) {
    public Prompt {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(label, "label");
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM needs an even byte count, got " + pcm.length);
        }
        if (turn < 0) {
            throw new IllegalArgumentException("turn must be >= 0, got " + turn);
        }
    }

    /** Duration in milliseconds at the given sample rate. */
    public double durationMs(int sampleRate) {
        return pcm.length / 2 * 1000.0 / sampleRate;
    }
}
