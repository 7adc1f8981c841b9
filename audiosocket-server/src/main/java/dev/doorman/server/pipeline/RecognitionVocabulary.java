package dev.doorman.server.pipeline;

import java.util.List;

/**
 * The phrases a caller's answers are likely made of, for one building: its residents' names, its
 * apartments as people say them, and the intercom's own words. Engines that can decode with a
 * grammar (Vosk) build one from it; the others ignore it. Built once per directory (again when it
 * is reloaded) and compared by identity, so an engine can keep what it built from it.
 */
public final class RecognitionVocabulary {
    private final List<String> phrases;

    public RecognitionVocabulary(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
    }

    public List<String> phrases() {
        return phrases;
    }

    @Override
    public String toString() {
        return "RecognitionVocabulary[" + phrases.size() + " phrases]";
    }
}
