package dev.doorman.server.pipeline;

/**
 * The final text of one utterance.
 *
 * @param text       recognized words, lower-case for Vosk; empty when nothing was recognized
 * @param confidence 0..1 (mean word confidence for Vosk); {@link Double#NaN} when the engine gives none
 */
public record Transcript(String text, double confidence) {
    public Transcript {
        text = text == null ? "" : text.strip();
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }
}
