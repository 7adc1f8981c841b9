package dev.doorman.server.call;

import dev.doorman.events.Party;

import java.util.Objects;

/**
 * Audio to play to one party: signed 16-bit little-endian mono PCM at the call's sample rate
 * (as reported by {@link CallControl#sampleRate()} when it is queued).
 *
 * @param audio   the samples, complete or still arriving (see {@link PromptAudio})
 * @param target  who hears it (written as {@code target} in PLAYBACK_* events)
 * @param turn    the dialog turn it answers (0 for the greeting)
 * @param label   a short name for logs, e.g. {@code greeting}
 * @param started told on the call's event loop when the first frame went out (after
 *                {@code PLAYBACK_START} is logged), or null
 */
public record Prompt(PromptAudio audio, Party target, int turn, String label, Runnable started) {
    public Prompt {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(label, "label");
        if (turn < 0) {
            throw new IllegalArgumentException("turn must be >= 0, got " + turn);
        }
    }

    /** A recorded prompt: all of its samples now (not copied, do not modify after queuing). */
    public Prompt(byte[] pcm, Party target, int turn, String label) {
        this(PromptAudio.of(Objects.requireNonNull(pcm, "pcm")), target, turn, label, null);
    }

    /** The samples so far (a copy when the audio is still arriving). */
    public byte[] pcm() {
        return audio.toByteArray();
    }

    /** Duration of the samples so far, in milliseconds at the given sample rate. */
    public double durationMs(int sampleRate) {
        return audio.length() / 2 * 1000.0 / sampleRate;
    }
}
