package dev.doorman.server.admission;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The speech engines' load as measured on the calls: what a second of audio costs the recognizer
 * in CPU time (its real-time factor, over the last minutes), how much audio is waiting to be
 * decoded right now (the backlog), and how long utterances are. The conversations' recognition
 * stages feed it; {@link AdmissionControl} decides from it. Thread-safe.
 */
public final class EngineLoad {
    private static final double HALF_LIFE_SECONDS = 120;
    private static final double MIN_AUDIO_SECONDS = 1.0;

    private final AtomicLong backlogMicros = new AtomicLong();
    private double cpuSeconds;
    private double audioSeconds;
    private long lastDecayNanos = System.nanoTime();
    private double utteranceSeconds = Double.NaN;
    private double realTimeFactor = Double.NaN;

    /** The recognizer decoded {@code audioSeconds} of audio in {@code cpuNanos} of its thread's CPU time. */
    public synchronized void decoded(double audio, long cpuNanos) {
        decay();
        cpuSeconds += cpuNanos / 1e9;
        audioSeconds += audio;
        if (audioSeconds >= MIN_AUDIO_SECONDS) {
            realTimeFactor = cpuSeconds / audioSeconds;
        }
    }

    /** Audio was queued for the recognizer (positive) or left the queue, decoded or dropped (negative). */
    public void backlog(double deltaSeconds) {
        backlogMicros.addAndGet(Math.round(deltaSeconds * 1e6));
    }

    /** A party spoke for {@code speechSeconds}. */
    public synchronized void utterance(double speechSeconds) {
        utteranceSeconds = Double.isNaN(utteranceSeconds) ? speechSeconds : 0.9 * utteranceSeconds + 0.1 * speechSeconds;
    }

    /**
     * CPU seconds per second of audio decoded, weighted towards the last minutes; NaN until about a
     * second of audio was measured.
     */
    public synchronized double realTimeFactor() {
        return realTimeFactor;
    }

    /** Seconds of audio waiting for the recognizer, all calls together. */
    public double backlogSeconds() {
        return Math.max(0, backlogMicros.get() / 1e6);
    }

    /** The usual length of an utterance (a moving average), NaN before the first. */
    public synchronized double utteranceSeconds() {
        return utteranceSeconds;
    }

    // Older measurements weigh less: halved every HALF_LIFE_SECONDS.
    private void decay() {
        long now = System.nanoTime();
        double elapsed = (now - lastDecayNanos) / 1e9;
        if (elapsed > 1) {
            double keep = Math.pow(0.5, elapsed / HALF_LIFE_SECONDS);
            cpuSeconds *= keep;
            audioSeconds *= keep;
            lastDecayNanos = now;
        }
    }
}
