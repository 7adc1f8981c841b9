package dev.doorman.server.pipeline.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

/**
 * The {@code directory} config section.
 *
 * <pre>
 * directory:
 *   path: samples/directory.json   # [{"apartment":"302","residents":["John Smith"],"extension":"1302"}]
 *   validThreshold: 0.85           # name score to act on
 *   confirmThreshold: 0.70         # name score worth a "Did you say ...?"
 *   ambiguityMargin: 0.03          # candidates this close to the best are ambiguous
 *   confirmBelowConfidence: 0.50   # a name heard with less recognizer confidence is confirmed
 * </pre>
 */
public record DirectoryConfig(String path, Double validThreshold, Double confirmThreshold, Double ambiguityMargin,
                              Double confirmBelowConfidence) {
    public DirectoryConfig {
        path = path == null || path.isBlank() ? "samples/directory.json" : path.strip();
        validThreshold = validThreshold == null ? MatchThresholds.DEFAULTS.valid() : validThreshold;
        confirmThreshold = confirmThreshold == null ? MatchThresholds.DEFAULTS.confirm() : confirmThreshold;
        ambiguityMargin = ambiguityMargin == null ? MatchThresholds.DEFAULTS.ambiguityMargin() : ambiguityMargin;
        confirmBelowConfidence = confirmBelowConfidence == null ? MatchThresholds.DEFAULTS.minConfidence()
                : confirmBelowConfidence;
    }

    public DirectoryConfig(String path, Double validThreshold, Double confirmThreshold, Double ambiguityMargin) {
        this(path, validThreshold, confirmThreshold, ambiguityMargin, null);
    }

    public static DirectoryConfig defaults() {
        return new DirectoryConfig(null, null, null, null, null);
    }

    /** Binds the raw {@code directory} section; errors name the key. */
    public static DirectoryConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("directory", section, DirectoryConfig.class);
    }

    /** @throws IllegalArgumentException naming the keys when the thresholds are out of order */
    public MatchThresholds thresholds() {
        try {
            return new MatchThresholds(validThreshold, confirmThreshold, ambiguityMargin, confirmBelowConfidence);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("directory: " + e.getMessage(), e);
        }
    }
}
