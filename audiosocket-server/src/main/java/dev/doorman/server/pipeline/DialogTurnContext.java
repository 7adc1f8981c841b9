package dev.doorman.server.pipeline;

import java.util.Map;

/**
 * What the dialog knows when it asks for an intent: lets an extractor read a bare "302" as the
 * apartment when that is what the doorman just asked for.
 *
 * @param turn          the visitor's turn number
 * @param dialogState   the dialog state name (e.g. "ASK_APARTMENT"); free-form, set by the dialog
 * @param knownEntities entities gathered in earlier turns
 */
public record DialogTurnContext(int turn, String dialogState, Map<String, String> knownEntities) {
    public DialogTurnContext {
        knownEntities = Map.copyOf(knownEntities);
    }

    public static DialogTurnContext firstTurn() {
        return new DialogTurnContext(1, "GREETING", Map.of());
    }
}
