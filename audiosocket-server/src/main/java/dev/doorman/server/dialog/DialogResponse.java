package dev.doorman.server.dialog;

import java.util.List;

/**
 * What the dialog does after one input: the transitions it made, the words to say (null: stay
 * silent), the resident to ring, and whether to hang up once the words have been played.
 */
public record DialogResponse(List<StateTransition> transitions, String text, ResidentToCall residentCall,
                             boolean hangup) {
    public DialogResponse {
        transitions = List.copyOf(transitions);
    }

    public static DialogResponse silent() {
        return new DialogResponse(List.of(), null, null, false);
    }

    public boolean speaks() {
        return text != null && !text.isBlank();
    }
}
