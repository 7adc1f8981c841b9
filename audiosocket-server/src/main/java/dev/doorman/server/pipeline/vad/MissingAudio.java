package dev.doorman.server.pipeline.vad;

/**
 * How much silence a {@link VoiceActivityDetector} must be fed because no audio arrived. Asterisk
 * sends no frames at all while a channel is quiet (its default {@code transmit_silence=no}, phones
 * that suppress silence, an originated channel not bridged yet); a detector that only counts
 * samples would then never see the caller stop talking.
 *
 * <p>Once no audio has arrived for {@code gapMs}, the whole time since the last audio is due as
 * silence, then whatever elapses after it, until a frame arrives again. Network jitter shorter
 * than {@code gapMs} never produces silence, so audio that is merely late is not overtaken.
 *
 * <p>Not thread-safe; times are {@link System#nanoTime()} values.
 */
public final class MissingAudio {
    private final long gapNanos;
    private long coveredUntilNanos;
    private boolean inGap;

    /**
     * @param gapMs      frames absent this long count as silence (1..)
     * @param startNanos the start of the stream (a call whose caller never sends audio is silent from here)
     */
    public MissingAudio(int gapMs, long startNanos) {
        if (gapMs < 1) {
            throw new IllegalArgumentException("gapMs must be >= 1, got " + gapMs);
        }
        this.gapNanos = gapMs * 1_000_000L;
        this.coveredUntilNanos = startNanos;
    }

    /** Audio arrived at {@code nowNanos}: the stream is covered up to now and any gap is over. */
    public void onAudio(long nowNanos) {
        coveredUntilNanos = Math.max(coveredUntilNanos, nowNanos);
        inGap = false;
    }

    /** Samples of silence to feed now at {@code sampleRate}; 0 while audio flows or the gap is short. */
    public long silenceDue(long nowNanos, int sampleRate) {
        long missing = nowNanos - coveredUntilNanos;
        if (!inGap && missing < gapNanos) {
            return 0;
        }
        long samples = missing * sampleRate / 1_000_000_000L;
        if (samples <= 0) {
            return 0;
        }
        inGap = true;
        coveredUntilNanos += samples * 1_000_000_000L / sampleRate;
        return samples;
    }

    /** True from the first silence due until audio arrives again. */
    public boolean inGap() {
        return inGap;
    }
}
