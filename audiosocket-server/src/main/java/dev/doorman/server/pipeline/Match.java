package dev.doorman.server.pipeline;

import java.util.List;

/**
 * The result of checking one spoken value against the building directory.
 *
 * @param field        "apartment" or "resident_name"
 * @param input        what was heard
 * @param match        the best directory entry, or null when there is none
 * @param score        similarity 0..1 of {@code input} to {@code match}
 * @param valid        {@code match} is good enough to act on
 * @param ambiguous    several entries scored about the same; ask the visitor to choose
 * @param alternatives the other close entries, best first
 */
public record Match(String field, String input, String match, double score, boolean valid,
                    boolean ambiguous, List<String> alternatives) {
    public Match {
        alternatives = List.copyOf(alternatives);
    }
}
