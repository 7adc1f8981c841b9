package dev.doorman.server.pipeline.intent;

import java.util.List;
import java.util.Optional;

/**
 * Finds a known name (e.g. a resident from the building directory) among the words of an utterance
 * that has no "to visit X" phrase: "john smith please" -> "john smith".
 */
@FunctionalInterface
public interface NameSpotter {
    NameSpotter NONE = words -> Optional.empty();

    /** @return the heard words (as heard, not the directory spelling) that name someone known */
    Optional<String> spot(List<String> words);
}
