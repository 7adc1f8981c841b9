package dev.doorman.server.audio;

import java.io.ByteArrayOutputStream;

/**
 * Streaming sample-rate converter for signed 16-bit little-endian mono PCM: a polyphase
 * windowed-sinc (Blackman) filter at the rational ratio {@code to/from}, low-pass at the lower
 * Nyquist so downsampling (e.g. espeak-ng's 22050 Hz to a call's 8000 Hz) does not alias.
 *
 * <p>Stateful: feed chunks in order with {@link #process}, then {@link #flush()} once for the
 * last {@link #delaySamples()} input samples. Not thread-safe; one instance per stream.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 16;
    private static final double ROLLOFF = 0.94;

    private final int fromRate;
    private final int toRate;
    /** to/from reduced: output sample n sits at input time n * down / up. */
    private final int up;
    private final int down;
    private final int taps;
    private final float[][] phases;

    /** Input samples not yet fully consumed; history[0] has absolute index historyStart. */
    private float[] history = new float[0];
    private long historyStart;
    private long inputCount;
    private long outputCount;
    private boolean flushed;
    private int oddByte = -1;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        if (up > 4096) {
            throw new IllegalArgumentException("unsupported rate ratio " + fromRate + " -> " + toRate);
        }
        // Cut-off in cycles per input sample, below the lower of the two Nyquist frequencies.
        double cutoff = 0.5 * Math.min(1.0, (double) toRate / fromRate) * ROLLOFF;
        int half = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        this.taps = 2 * half;
        this.phases = new float[up][taps];
        for (int p = 0; p < up; p++) {
            double frac = (double) p / up;
            double sum = 0;
            double[] h = new double[taps];
            for (int j = 0; j < taps; j++) {
                // Tap j weighs input sample (i - half + 1 + j) for an output at input time i + frac.
                double t = frac + half - 1 - j;
                h[j] = sinc(2 * cutoff * t) * blackman(t, half);
                sum += h[j];
            }
            for (int j = 0; j < taps; j++) {
                phases[p][j] = (float) (h[j] / sum); // unity gain at DC for every phase
            }
        }
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** Input samples held back until more input (or {@link #flush()}) arrives. */
    public int delaySamples() {
        return taps / 2;
    }

    /** Converts a whole buffer in one go (a fresh resampler, flushed). */
    public static byte[] convert(byte[] pcm, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return pcm.clone();
        }
        Resampler r = new Resampler(fromRate, toRate);
        byte[] head = r.process(pcm, 0, pcm.length);
        byte[] tail = r.flush();
        byte[] out = new byte[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** Feeds 16-bit LE samples; returns the output samples that are now complete (maybe none). */
    public byte[] process(byte[] pcm, int off, int len) {
        if (flushed) {
            throw new IllegalStateException("resampler already flushed");
        }
        int start = off;
        int end = off + len;
        int carried = oddByte >= 0 ? 1 : 0;
        int samples = (len + carried) / 2;
        float[] in = new float[samples];
        int k = 0;
        if (carried == 1 && len > 0) {
            in[k++] = (short) ((oddByte & 0xFF) | (pcm[start++] << 8));
            oddByte = -1;
        }
        for (; start + 1 < end; start += 2) {
            in[k++] = (short) ((pcm[start] & 0xFF) | (pcm[start + 1] << 8));
        }
        if (start < end) {
            oddByte = pcm[start] & 0xFF;
        }
        append(in, k);
        return produce(inputCount);
    }

    /** Emits the remaining output (the input is padded with silence); the stream then ends. */
    public byte[] flush() {
        if (flushed) {
            return new byte[0];
        }
        flushed = true;
        long realInput = inputCount;
        append(new float[taps], taps);
        long total = (realInput * up + down - 1) / down; // ceil: output covering all input
        return produce(inputCount, total);
    }

    private byte[] produce(long available) {
        return produce(available, Long.MAX_VALUE);
    }

    private byte[] produce(long available, long limit) {
        int half = taps / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (outputCount < limit) {
            long pos = outputCount * down;
            long i = pos / up;
            int phase = (int) (pos % up);
            long last = i + half; // highest input index needed
            if (last >= available) {
                break;
            }
            long first = i - half + 1;
            float[] h = phases[phase];
            double acc = 0;
            for (int j = 0; j < taps; j++) {
                long idx = first + j;
                if (idx >= historyStart) { // before the stream started counts as silence
                    acc += h[j] * history[(int) (idx - historyStart)];
                }
            }
            int s = (int) Math.round(acc);
            s = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
            out.write(s & 0xFF);
            out.write((s >> 8) & 0xFF);
            outputCount++;
        }
        trim();
        return out.toByteArray();
    }

    private void append(float[] in, int n) {
        float[] merged = new float[history.length + n];
        System.arraycopy(history, 0, merged, 0, history.length);
        System.arraycopy(in, 0, merged, history.length, n);
        history = merged;
        inputCount += n;
    }

    /** Drops input that no future output sample can reach. */
    private void trim() {
        long nextI = outputCount * down / up;
        long keepFrom = Math.max(historyStart, nextI - taps / 2 + 1);
        int drop = (int) (keepFrom - historyStart);
        if (drop > 0) {
            float[] rest = new float[history.length - drop];
            System.arraycopy(history, drop, rest, 0, rest.length);
            history = rest;
            historyStart = keepFrom;
        }
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Blackman window over [-half, half]. */
    private static double blackman(double t, int half) {
        if (Math.abs(t) >= half) {
            return 0.0;
        }
        double x = (t + half) / (2.0 * half);
        return 0.42 - 0.5 * Math.cos(2 * Math.PI * x) + 0.08 * Math.cos(4 * Math.PI * x);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
