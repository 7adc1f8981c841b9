package dev.doorman.server.call;

import java.util.Arrays;

/**
 * A prompt's samples: complete from the start (a recording), or still arriving while the prompt
 * plays (a reply synthesized sentence by sentence). Signed 16-bit little-endian mono PCM.
 * Thread-safe: the synthesizing thread appends while the call's event loop reads.
 */
public final class PromptAudio {
    private byte[] pcm;
    private int length;
    private boolean complete;

    private PromptAudio(byte[] pcm, int length, boolean complete) {
        this.pcm = pcm;
        this.length = length;
        this.complete = complete;
    }

    /** All of the audio, now (not copied: do not modify it). */
    public static PromptAudio of(byte[] pcm) {
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM needs an even byte count, got " + pcm.length);
        }
        return new PromptAudio(pcm, pcm.length, true);
    }

    /** Audio to come: {@link #append} it, then {@link #finish()}. */
    public static PromptAudio streaming() {
        return new PromptAudio(new byte[16_000], 0, false);
    }

    /** Adds samples at the end (an even byte count). */
    public synchronized void append(byte[] more) {
        if (complete) {
            throw new IllegalStateException("the prompt's audio is already complete");
        }
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM needs an even byte count, got " + more.length);
        }
        if (length + more.length > pcm.length) {
            // A new array: frames already cut from the old one keep pointing at unchanged bytes.
            pcm = Arrays.copyOf(pcm, Math.max(2 * pcm.length, length + more.length));
        }
        System.arraycopy(more, 0, pcm, length, more.length);
        length += more.length;
    }

    /** No more audio will come. */
    public synchronized void finish() {
        complete = true;
    }

    public synchronized boolean complete() {
        return complete;
    }

    /** Bytes of audio so far. */
    public synchronized int length() {
        return length;
    }

    /** The array holding the audio so far; bytes below {@link #length()} never change. */
    synchronized byte[] array() {
        return pcm;
    }

    /** A copy of the audio so far. */
    public synchronized byte[] toByteArray() {
        return Arrays.copyOf(pcm, length);
    }
}
