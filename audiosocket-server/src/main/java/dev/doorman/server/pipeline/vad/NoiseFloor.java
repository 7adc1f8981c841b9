package dev.doorman.server.pipeline.vad;

/**
 * Adaptive estimate of the background level in dBFS: falls quickly to quieter frames, rises slowly
 * (time constant {@code floorRiseMs}) outside speech and only creeps up during speech, so a long
 * stationary sound is eventually absorbed instead of being speech forever.
 */
final class NoiseFloor {
    private static final double FALL_TAU_MS = 40.0;
    private static final double CREEP_DB_PER_SECOND = 0.5;

    private final double fallCoefficient;
    private final double riseCoefficient;
    private final double creepPerFrame;
    private double level;
    private boolean primed;

    NoiseFloor(int frameMs, int riseMs) {
        this.fallCoefficient = 1.0 - Math.exp(-frameMs / FALL_TAU_MS);
        this.riseCoefficient = 1.0 - Math.exp(-(double) frameMs / riseMs);
        this.creepPerFrame = CREEP_DB_PER_SECOND * frameMs / 1000.0;
    }

    /**
     * @param frameDbfs the frame's level
     * @param speech    whether the frame belongs to (possible) speech: the floor then only creeps up
     */
    void update(double frameDbfs, boolean speech) {
        if (!primed) {
            level = frameDbfs; // the first frame is the best guess there is
            primed = true;
        } else if (frameDbfs < level) {
            level += (frameDbfs - level) * fallCoefficient;
        } else if (speech) {
            level += Math.min(creepPerFrame, frameDbfs - level);
        } else {
            level += (frameDbfs - level) * riseCoefficient;
        }
    }

    double level() {
        return primed ? level : FrameFeatures.SILENCE_DBFS;
    }
}
