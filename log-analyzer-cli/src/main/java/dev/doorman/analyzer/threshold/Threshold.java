package dev.doorman.analyzer.threshold;

import dev.doorman.analyzer.model.Metric;

/** "{@code metric}'s {@code figure} must stay below {@code limitMs}", e.g. transcription p95 < 1000 ms. */
public record Threshold(Metric metric, String figure, double limitMs) {

    /** The key used in threshold files: {@code <metric>.<figure>}, e.g. {@code synthesis.p95}. */
    public String key() {
        return metric.key() + "." + figure;
    }
}
