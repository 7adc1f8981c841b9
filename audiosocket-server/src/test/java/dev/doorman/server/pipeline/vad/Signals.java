package dev.doorman.server.pipeline.vad;

import java.util.Random;

/** Deterministic synthetic test audio, as 16-bit samples (short[]) and little-endian bytes. */
public final class Signals {
    private final int sampleRate;
    private final Random random;

    public Signals(int sampleRate, long seed) {
        this.sampleRate = sampleRate;
        this.random = new Random(seed);
    }

    public int samples(double ms) {
        return (int) Math.round(ms * sampleRate / 1000.0);
    }

    public short[] silence(double ms) {
        return new short[samples(ms)];
    }

    /** A sine at {@code dbfs} RMS. */
    public short[] tone(double hz, double dbfs, double ms) {
        short[] out = new short[samples(ms)];
        double amplitude = Math.sqrt(2) * 32768 * Math.pow(10, dbfs / 20);
        for (int i = 0; i < out.length; i++) {
            out[i] = clip(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return out;
    }

    /** Gaussian white noise at {@code dbfs} RMS. */
    public short[] noise(double dbfs, double ms) {
        short[] out = new short[samples(ms)];
        addNoise(out, dbfs);
        return out;
    }

    /** Mixes Gaussian white noise at {@code dbfs} RMS into {@code signal}, in place. */
    public short[] addNoise(short[] signal, double dbfs) {
        double sigma = 32768 * Math.pow(10, dbfs / 20);
        for (int i = 0; i < signal.length; i++) {
            signal[i] = clip(signal[i] + sigma * random.nextGaussian());
        }
        return signal;
    }

    public static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int pos = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    public static byte[] toBytes(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    public static short[] toSamples(byte[] pcm) {
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return out;
    }

    private static short clip(double v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
}
