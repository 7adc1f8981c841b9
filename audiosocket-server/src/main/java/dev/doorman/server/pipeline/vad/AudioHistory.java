package dev.doorman.server.pipeline.vad;

/**
 * The last few hundred milliseconds of 16-bit audio, addressed by absolute sample position, so the
 * detector can hand out the pre-roll and held-back silence after it has decided what they are.
 */
final class AudioHistory {
    private final byte[] ring;
    private final int capacitySamples;
    private int writeIndex; // byte index of the next sample; avoids a division per sample

    AudioHistory(int capacitySamples) {
        this.capacitySamples = capacitySamples;
        this.ring = new byte[capacitySamples * 2];
    }

    int capacitySamples() {
        return capacitySamples;
    }

    /** Stores the next sample (the detector's sample clock and this ring advance together). */
    void put(byte lo, byte hi) {
        int i = writeIndex;
        ring[i] = lo;
        ring[i + 1] = hi;
        writeIndex = i + 2 == ring.length ? 0 : i + 2;
    }

    /**
     * Passes samples {@code [from, to)} to {@code sink} in at most two contiguous pieces. The caller
     * guarantees they are still held (no older than {@code capacitySamples}).
     */
    void copy(long from, long to, Sink sink) {
        while (from < to) {
            int start = (int) (from % capacitySamples);
            int n = (int) Math.min(to - from, capacitySamples - start);
            sink.accept(ring, start * 2, n * 2);
            from += n;
        }
    }

    interface Sink {
        void accept(byte[] pcm, int off, int len);
    }
}
