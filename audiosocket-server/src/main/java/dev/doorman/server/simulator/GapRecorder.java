package dev.doorman.server.simulator;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Records the spacing of a paced audio stream: for each frame's timestamp, the gap since the
 * previous frame and that gap's distance from the nominal frame period (the "gap error").
 * A perfectly paced stream has every gap equal to the period and every error 0.
 *
 * <p>Values are kept in microseconds in HdrHistograms so per-call recorders can be merged into
 * one distribution for a load run. Not thread-safe: one per call, used on the call's event loop.
 */
public final class GapRecorder {
    /** Gaps above 10 s are clamped: a stream that stalls that long is broken anyway. */
    static final long HIGHEST_MICROS = 10_000_000L;
    /**
     * Two significant digits (under 1% relative error: about 10 us on a 1 ms gap error) keeps a
     * histogram near 9 KB; with four per call, 2,000 calls fit in well under 100 MB.
     */
    private static final int SIGNIFICANT_DIGITS = 2;

    private final long periodNanos;
    private final AbstractHistogram gaps = newHistogram();
    private final AbstractHistogram errors = newHistogram();
    private long lastNanos;
    private long frames;

    public GapRecorder(long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("frame period must be positive: " + periodNanos);
        }
        this.periodNanos = periodNanos;
    }

    /** Records one frame seen at {@code nanoTime} (from {@link System#nanoTime()}, non-decreasing). */
    public void frameAt(long nanoTime) {
        if (frames++ > 0) {
            long gap = Math.max(0, nanoTime - lastNanos);
            gaps.recordValue(clamp(gap / 1_000));
            errors.recordValue(clamp(Math.abs(gap - periodNanos) / 1_000));
        }
        lastNanos = nanoTime;
    }

    /** Frames recorded; one more than the number of gaps. */
    public long frames() {
        return frames;
    }

    /** Adds another recorder's distribution to this one (for load-run totals). */
    public void add(GapRecorder other) {
        gaps.add(other.gaps);
        errors.add(other.errors);
        frames += other.frames;
    }

    public GapStats stats() {
        return GapStats.of(gaps, errors);
    }

    private static long clamp(long micros) {
        return Math.min(micros, HIGHEST_MICROS);
    }

    private static AbstractHistogram newHistogram() {
        return new IntCountsHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }
}
