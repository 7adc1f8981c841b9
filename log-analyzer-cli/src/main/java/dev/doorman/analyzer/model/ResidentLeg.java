package dev.doorman.analyzer.model;

import java.util.List;

/**
 * What happened on a call's resident leg: how many times the resident was called
 * ({@code CALL_MORADOR}), how many of those answered ({@code MORADOR_CONNECTED}), why the others
 * failed ({@code RESIDENT_NO_ANSWER.reason}), the decision ({@code AUTHORIZATION}) and the door
 * ({@code DOOR_OPEN.status}). {@code decision}, {@code decidedBy} and {@code doorStatus} are null
 * when the call has no such event.
 */
public record ResidentLeg(int attempts, int connected, List<String> noAnswerReasons, String decision,
                          String decidedBy, String doorStatus) {

    public static final ResidentLeg NONE = new ResidentLeg(0, 0, List.of(), null, null, null);

    /** True when the resident was called or a decision was logged. */
    public boolean present() {
        return attempts > 0 || decision != null;
    }
}
