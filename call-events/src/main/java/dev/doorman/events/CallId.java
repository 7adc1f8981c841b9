package dev.doorman.events;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Call ids are canonical UUIDs: they become file names, so nothing else may pass. Upper-case input
 * is accepted and normalized to lower case.
 */
public final class CallId {
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CallId() {
    }

    /**
     * Returns the canonical lower-case form of {@code callId}.
     *
     * @throws IllegalArgumentException when it is not a canonical 8-4-4-4-12 hex UUID
     */
    public static String normalize(String callId) {
        if (callId == null || callId.isEmpty()) {
            throw new IllegalArgumentException("call id is empty: expected a UUID like 6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c");
        }
        String lower = callId.toLowerCase(Locale.ROOT);
        if (lower.length() != 36 || !CANONICAL_UUID.matcher(lower).matches()) {
            throw new IllegalArgumentException("call id '" + printable(callId)
                    + "' is not a canonical UUID (8-4-4-4-12 hex digits)");
        }
        return lower;
    }

    /** True when {@link #normalize} would accept it. */
    public static boolean isValid(String callId) {
        return callId != null && callId.length() == 36
                && CANONICAL_UUID.matcher(callId.toLowerCase(Locale.ROOT)).matches();
    }

    // Keeps error messages one line and short whatever a caller passed in.
    private static String printable(String raw) {
        String cut = raw.length() > 64 ? raw.substring(0, 64) + "..." : raw;
        StringBuilder out = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
