package dev.doorman.server.pipeline;

import java.util.Map;

/**
 * What the visitor wants and the entities mentioned.
 *
 * @param intent   one of {@code visit}, {@code delivery}, {@code service}, {@code authorize},
 *                 {@code deny}, {@code ask_who}, {@code unknown}
 * @param entities keys {@code visitor_name}, {@code apartment}, {@code resident_name}; only those found
 */
public record IntentResult(String intent, Map<String, String> entities) {
    public static final String VISIT = "visit";
    public static final String DELIVERY = "delivery";
    public static final String SERVICE = "service";
    public static final String AUTHORIZE = "authorize";
    public static final String DENY = "deny";
    public static final String ASK_WHO = "ask_who";
    public static final String UNKNOWN = "unknown";

    public static final String VISITOR_NAME = "visitor_name";
    public static final String APARTMENT = "apartment";
    public static final String RESIDENT_NAME = "resident_name";

    public IntentResult {
        entities = Map.copyOf(entities);
    }

    public static IntentResult unknown() {
        return new IntentResult(UNKNOWN, Map.of());
    }
}
