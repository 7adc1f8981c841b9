package dev.doorman.server.admission;

/**
 * The {@code conversation.admission} config section: when the server stops taking conversations.
 *
 * <pre>
 * admission:
 *   enabled: true               # refuse new callers past capacity (they hear busyText and are hung up)
 *   maxConversations: 0         # a fixed ceiling on conversations at once; 0 = none (capacity alone decides)
 *   turnLatencyTargetMs: 800    # what a caller may wait on the recognizer after speaking, at worst
 *   speakingShare: 0.5          # share of the admitted callers expected to speak at the same moment
 *   cores: 0                    # CPU cores the engines may use; 0 = all the JVM sees
 *   utilization: 0.9            # share of those cores the recognizer may fill
 *   busyText: "..."             # what a refused caller hears
 * </pre>
 */
public record AdmissionConfig(Boolean enabled, Integer maxConversations, Integer turnLatencyTargetMs,
                              Double speakingShare, Integer cores, Double utilization, String busyText) {
    public static final String DEFAULT_BUSY_TEXT = "Sorry, all our lines are busy. Please call again in a minute. Goodbye.";

    public AdmissionConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        maxConversations = maxConversations == null ? 0 : maxConversations;
        turnLatencyTargetMs = turnLatencyTargetMs == null ? 800 : turnLatencyTargetMs;
        speakingShare = speakingShare == null ? 0.5 : speakingShare;
        cores = cores == null ? 0 : cores;
        utilization = utilization == null ? 0.9 : utilization;
        busyText = busyText == null || busyText.isBlank() ? DEFAULT_BUSY_TEXT : busyText.strip();
        if (maxConversations < 0) {
            throw new IllegalArgumentException("conversation.admission.maxConversations must not be negative: " + maxConversations);
        }
        if (turnLatencyTargetMs <= 0) {
            throw new IllegalArgumentException("conversation.admission.turnLatencyTargetMs must be positive: " + turnLatencyTargetMs);
        }
        if (!(speakingShare > 0 && speakingShare <= 1)) {
            throw new IllegalArgumentException("conversation.admission.speakingShare must be in (0, 1]: " + speakingShare);
        }
        if (cores < 0) {
            throw new IllegalArgumentException("conversation.admission.cores must not be negative: " + cores);
        }
        if (!(utilization > 0 && utilization <= 1)) {
            throw new IllegalArgumentException("conversation.admission.utilization must be in (0, 1]: " + utilization);
        }
    }

    public static AdmissionConfig defaults() {
        return new AdmissionConfig(null, null, null, null, null, null, null);
    }

    /** The cores to plan with. */
    public int effectiveCores() {
        return cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
    }
}
