package dev.doorman.server.resident;

/**
 * The visit's outcome, logged as {@code AUTHORIZATION{decision,by}}.
 *
 * @param decision {@code authorized}, {@code denied}, {@code no_answer} or {@code visitor_left}
 * @param by       {@code speech} or {@code dtmf} (the resident decided), {@code timeout} (nobody decided in
 *                 time: no answer, busy, silence, unclear answers), {@code hangup} (a party hung up first)
 */
public record ResidentDecision(String decision, String by) {
    public static final String AUTHORIZED = "authorized";
    public static final String DENIED = "denied";
    public static final String NO_ANSWER = "no_answer";
    public static final String VISITOR_LEFT = "visitor_left";

    public boolean authorized() {
        return AUTHORIZED.equals(decision);
    }
}
