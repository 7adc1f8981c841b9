package dev.doorman.server.pipeline.validation;

/**
 * When a name score is good enough: at or above {@code valid} the doorman acts on it; between
 * {@code confirm} and {@code valid} it asks "Did you say ...?"; below {@code confirm} it asks again.
 * Two different candidates within {@code ambiguityMargin} of each other are ambiguous. A name the
 * recognizer heard with a confidence below {@code minConfidence} is confirmed even when it matches.
 */
public record MatchThresholds(double valid, double confirm, double ambiguityMargin, double minConfidence) {
    public static final MatchThresholds DEFAULTS = new MatchThresholds(0.85, 0.70, 0.03, 0.50);

    public MatchThresholds(double valid, double confirm, double ambiguityMargin) {
        this(valid, confirm, ambiguityMargin, DEFAULTS.minConfidence);
    }

    public MatchThresholds {
        if (!(confirm >= 0 && confirm <= valid && valid <= 1)) {
            throw new IllegalArgumentException("directory thresholds need 0 <= confirmThreshold <= validThreshold <= 1, got confirm="
                    + confirm + " valid=" + valid);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("directory.confirmBelowConfidence must be in [0,1], got " + minConfidence);
        }
        if (ambiguityMargin < 0 || ambiguityMargin > 1) {
            throw new IllegalArgumentException("directory.ambiguityMargin must be in [0,1], got " + ambiguityMargin);
        }
    }
}
