package dev.doorman.server.pipeline;

import java.util.List;

/**
 * The final text of one utterance.
 *
 * @param text         recognized words, lower-case for Vosk; empty when nothing was recognized
 * @param confidence   0..1 (mean word confidence for Vosk); {@link Double#NaN} when the engine gives none
 * @param source       how {@code text} was decoded: {@link Hypothesis#FREE} (the whole language) or
 *                     {@link Hypothesis#GRAMMAR} (only the building's words)
 * @param alternatives other readings of the same audio, best first (an n-best list, or a decode
 *                     with the building's grammar beside a free one); empty when the engine gives none
 */
public record Transcript(String text, double confidence, String source, List<Hypothesis> alternatives) {
    public Transcript {
        text = text == null ? "" : text.strip();
        source = source == null ? Hypothesis.FREE : source;
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public Transcript(String text, double confidence) {
        this(text, confidence, Hypothesis.FREE, List.of());
    }

    public Transcript(String text, double confidence, List<Hypothesis> alternatives) {
        this(text, confidence, Hypothesis.FREE, alternatives);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /**
     * One reading of the audio.
     *
     * @param text       the words
     * @param confidence 0..1, or NaN when unknown
     * @param source     how it was decoded: {@code free}, {@code nbest} or {@code grammar}
     */
    public record Hypothesis(String text, double confidence, String source) {
        public static final String FREE = "free";
        public static final String NBEST = "nbest";
        public static final String GRAMMAR = "grammar";

        public Hypothesis {
            text = text == null ? "" : text.strip();
        }
    }
}
