package dev.doorman.server.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One AMI message: an action we send, or a response or event Asterisk sends. An ordered list of
 * {@code Key: Value} fields; keys compare case-insensitively (Asterisk is not consistent about
 * case) and may repeat ({@code Variable} in an Originate, several {@code Output} lines).
 */
public final class AmiMessage {
    private final List<Map.Entry<String, String>> fields;

    private AmiMessage(List<Map.Entry<String, String>> fields) {
        this.fields = List.copyOf(fields);
    }

    /** A new action: {@code Action: <name>} first. */
    public static Builder action(String name) {
        return new Builder().add("Action", name);
    }

    static AmiMessage of(List<Map.Entry<String, String>> fields) {
        return new AmiMessage(fields);
    }

    /** The first value of {@code key}, if present. */
    public Optional<String> get(String key) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(key)) {
                return Optional.of(f.getValue());
            }
        }
        return Optional.empty();
    }

    /** The first value of {@code key}, or {@code fallback}. */
    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** Every value of {@code key}, in order. */
    public List<String> all(String key) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(key)) {
                values.add(f.getValue());
            }
        }
        return values;
    }

    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    public Optional<String> actionId() {
        return get("ActionID");
    }

    /** The event name for events ({@code Event: ...}), empty otherwise. */
    public Optional<String> event() {
        return get("Event");
    }

    public boolean isEvent() {
        return event().isPresent();
    }

    /** A response to an action (events may carry a {@code Response} field too, e.g. OriginateResponse). */
    public boolean isResponse() {
        return get("Response").isPresent() && !isEvent();
    }

    /** A response that says {@code Success} (or {@code Follows}, for commands with output). */
    public boolean isSuccess() {
        String response = get("Response", "").toLowerCase(Locale.ROOT);
        return response.equals("success") || response.equals("follows") || response.equals("goodbye");
    }

    /** A copy with {@code ActionID} set (replacing any). */
    AmiMessage withActionId(String actionId) {
        Builder b = new Builder();
        for (Map.Entry<String, String> f : fields) {
            if (!f.getKey().equalsIgnoreCase("ActionID")) {
                b.add(f.getKey(), f.getValue());
            }
        }
        return b.add("ActionID", actionId).build();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> f : fields) {
            if (out.length() > 1) {
                out.append(", ");
            }
            boolean secret = f.getKey().equalsIgnoreCase("Secret");
            out.append(f.getKey()).append(": ").append(secret ? "***" : f.getValue());
        }
        return out.append('}').toString();
    }

    /** Builds an action; refuses values that would break the line protocol (CR, LF). */
    public static final class Builder {
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();

        public Builder add(String key, Object value) {
            String k = String.valueOf(key);
            String v = String.valueOf(value);
            if (k.isEmpty() || k.indexOf(':') >= 0 || hasLineBreak(k) || hasLineBreak(v)) {
                // A newline in a value would let text from a directory or config inject AMI fields.
                throw new IllegalArgumentException("AMI field '" + printable(k) + "' has a line break, a colon in its "
                        + "name or is empty: '" + printable(v) + "'");
            }
            fields.add(Map.entry(k, v));
            return this;
        }

        public AmiMessage build() {
            return new AmiMessage(fields);
        }

        private static boolean hasLineBreak(String s) {
            return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
        }

        private static String printable(String s) {
            return s.replace("\r", "\\r").replace("\n", "\\n");
        }
    }
}
