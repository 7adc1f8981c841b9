package dev.doorman.server.pipeline;

/** Measurements on 16-bit little-endian PCM used by the engine tests. */
public final class PcmAssertions {
    private PcmAssertions() {
    }

    public static double rms(byte[] pcm) {
        double sum = 0;
        int n = pcm.length / 2;
        for (int i = 0; i < n; i++) {
            int s = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
            sum += (double) s * s;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /** A sine tone as 16-bit LE PCM. */
    public static byte[] tone(double hz, int sampleRate, double seconds, double amplitude) {
        int n = (int) Math.round(sampleRate * seconds);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            int s = (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    /** Correlation-based amplitude of the {@code hz} component (like one DFT bin). */
    public static double amplitudeAt(byte[] pcm, int sampleRate, double hz) {
        int n = pcm.length / 2;
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            int s = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
            double phase = 2 * Math.PI * hz * i / sampleRate;
            re += s * Math.cos(phase);
            im += s * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / n;
    }
}
