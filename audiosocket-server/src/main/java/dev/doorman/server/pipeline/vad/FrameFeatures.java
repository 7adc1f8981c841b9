package dev.doorman.server.pipeline.vad;

/**
 * Accumulates one analysis frame sample by sample and measures it: level (dBFS, with the frame's
 * mean removed so a DC offset does not count) and the order-2 linear-prediction gain (dB), a cheap
 * spectral-flatness measure: about 0 dB for white noise, several dB for voiced speech, fricatives
 * and tones. Mean removal is per frame rather than a running high-pass filter because a filter's
 * decay would smear an abrupt end into the next frame. Mutable and reused for every frame so the
 * per-frame path allocates nothing.
 */
final class FrameFeatures {
    /** Level reported for digital silence (log of zero). */
    static final double SILENCE_DBFS = -100.0;
    private static final double FULL_SCALE_SQUARED = 32768.0 * 32768.0;

    private long x1;
    private long x2;
    private long sum;
    private long r0;
    private long r1;
    private long r2;
    private int count;

    private double levelDbfs = SILENCE_DBFS;
    private double predictionGainDb;

    /** Adds one sample of the current frame. */
    void add(int sample) {
        sum += sample;
        r0 += (long) sample * sample;
        r1 += (long) sample * x1; // lags within the frame only: frames stay independent
        r2 += (long) sample * x2;
        x2 = x1;
        x1 = sample;
        count++;
    }

    /** Closes the frame: computes its features and starts the next frame. */
    void finishFrame() {
        double n = count;
        double mean = count == 0 ? 0 : sum / n;
        double c0 = r0 - n * mean * mean;
        double c1 = r1 - (n - 1) * mean * mean;
        double c2 = r2 - (n - 2) * mean * mean;
        double meanSquare = count == 0 ? 0 : c0 / n;
        levelDbfs = meanSquare <= 0 ? SILENCE_DBFS
                : Math.max(SILENCE_DBFS, 10.0 * Math.log10(meanSquare / FULL_SCALE_SQUARED));
        predictionGainDb = predictionGain(c0, c1, c2);
        x1 = 0;
        x2 = 0;
        sum = 0;
        r0 = 0;
        r1 = 0;
        r2 = 0;
        count = 0;
    }

    double levelDbfs() {
        return levelDbfs;
    }

    double predictionGainDb() {
        return predictionGainDb;
    }

    /** Levinson-Durbin to order 2: r0 / residual energy, in dB. */
    private static double predictionGain(double r0, double r1, double r2) {
        if (r0 <= 1e-9) {
            return 0;
        }
        double k1 = r1 / r0;
        double e1 = r0 * (1 - k1 * k1);
        if (e1 <= r0 * 1e-6) {
            return 60;
        }
        double k2 = (r2 - k1 * r1) / e1;
        double e2 = e1 * (1 - k2 * k2);
        if (e2 <= r0 * 1e-6) {
            return 60;
        }
        return 10.0 * Math.log10(r0 / e2);
    }
}
