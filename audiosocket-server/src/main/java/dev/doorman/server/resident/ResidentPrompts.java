package dev.doorman.server.resident;

import java.util.Map;

/**
 * What the doorman says to the resident (config {@code resident.prompts}). Placeholders:
 * {@code {visitor}} (the visitor's name), {@code {purpose}} (a phrase from {@code purposes} for the
 * visit's intent: visit, delivery, service), {@code {apartment}}. A key left out keeps its English default.
 */
public record ResidentPrompts(String greeting, String whoIsIt, String retry, String noInput, String authorized,
                              String denied, String noDecision, Map<String, String> purposes) {
    public static final ResidentPrompts ENGLISH = new ResidentPrompts(
            "Hello, this is the doorman. {visitor} is at the gate {purpose} apartment {apartment}. "
                    + "Do you authorize? Say yes or no, or press 1 for yes and 2 for no.",
            "The visitor says they are {visitor}, here {purpose} apartment {apartment}. Do you authorize? Say yes or no.",
            "Sorry, I did not understand. Please say yes or no, or press 1 for yes and 2 for no.",
            "Are you there? Please say yes or no, or press 1 for yes and 2 for no.",
            "Thank you. I will let them in. Goodbye.",
            "Thank you. I will tell them. Goodbye.",
            "I did not get an answer, so I will not let them in. Goodbye.",
            Map.of("visit", "for a visit to", "delivery", "with a delivery for", "service", "for a service call at",
                    "unknown", "for"));

    public ResidentPrompts {
        greeting = or(greeting, ENGLISH == null ? null : ENGLISH.greeting);
        whoIsIt = or(whoIsIt, ENGLISH == null ? null : ENGLISH.whoIsIt);
        retry = or(retry, ENGLISH == null ? null : ENGLISH.retry);
        noInput = or(noInput, ENGLISH == null ? null : ENGLISH.noInput);
        authorized = or(authorized, ENGLISH == null ? null : ENGLISH.authorized);
        denied = or(denied, ENGLISH == null ? null : ENGLISH.denied);
        noDecision = or(noDecision, ENGLISH == null ? null : ENGLISH.noDecision);
        purposes = purposes == null ? (ENGLISH == null ? Map.of() : ENGLISH.purposes) : Map.copyOf(purposes);
    }

    /** The phrase for an intent, e.g. "with a delivery for"; the {@code unknown} phrase when none fits. */
    public String purpose(String intent) {
        String phrase = intent == null ? null : purposes.get(intent);
        return phrase != null ? phrase : purposes.getOrDefault("unknown", "for");
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
