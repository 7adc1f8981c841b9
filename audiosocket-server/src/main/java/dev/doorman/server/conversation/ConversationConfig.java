package dev.doorman.server.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.admission.AdmissionConfig;
import dev.doorman.server.pipeline.ConfigSectionBinder;

/**
 * The {@code conversation} config section: how the spoken turns run and when callers are turned away.
 *
 * <pre>
 * conversation:
 *   threads: 0          # threads running every call's stages; 0 = one per core (embedded engines are
 *                       # CPU-bound), or server.workerThreads when an engine is remote (HTTP)
 *   admission:          # see AdmissionConfig
 *     enabled: true
 * </pre>
 */
public record ConversationConfig(Integer threads, AdmissionConfig admission) {
    public ConversationConfig {
        threads = threads == null ? 0 : threads;
        admission = admission == null ? AdmissionConfig.defaults() : admission;
        if (threads < 0) {
            throw new IllegalArgumentException("conversation.threads must not be negative: " + threads);
        }
    }

    public static ConversationConfig defaults() {
        return new ConversationConfig(null, null);
    }

    /** Binds the raw {@code conversation} section; errors name the key. */
    public static ConversationConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("conversation", section, ConversationConfig.class);
    }

    /** The threads to run: the configured number, else one per core, or {@code remoteThreads} for remote engines. */
    public int effectiveThreads(boolean remoteEngine, int remoteThreads) {
        if (threads > 0) {
            return threads;
        }
        return remoteEngine ? remoteThreads : Runtime.getRuntime().availableProcessors();
    }
}
