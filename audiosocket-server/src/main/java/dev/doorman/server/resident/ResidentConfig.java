package dev.doorman.server.resident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config {@code resident}: calling the resident for authorization, a second call leg placed through
 * the Asterisk Manager Interface.
 *
 * <pre>
 * resident:
 *   enabled: true
 *   ami: {host: 127.0.0.1, port: 5038, username: doorman, secret: change-me}
 *   dial: "PJSIP/${extension}"        # the resident's dial string; ${extension}, ${apartment}
 *   callback: 10.0.0.5:9092           # where Asterisk reaches THIS server (AudioSocket host:port)
 *   ringTimeoutSeconds: 30
 *   attempts: 2                       # per resident: no answer / busy / failure -> pause, try again
 * </pre>
 *
 * @param enabled               place the call; when false the visitor is told the resident cannot be called
 * @param ami                   the manager connection
 * @param dial                  dial string template
 * @param callback              host:port Asterisk connects the answered leg to; null = 127.0.0.1 and the server's port
 * @param ringTimeoutSeconds    how long the resident's phone rings per attempt
 * @param attempts              attempts per resident (or per phone of the apartment) before trying the next
 * @param retryPauseSeconds     pause between attempts
 * @param answerTimeoutSeconds  after Asterisk reports the answer, how long the leg may take to connect to us
 * @param noInputSeconds        silence after a question before the resident is asked again (twice = no answer)
 * @param maxQuestions          unclear answers (and "who is it?") before the doorman gives up (no answer)
 * @param holdRepeatSeconds     while it rings, the visitor hears "still calling" this often
 * @param prompts               what the resident hears
 */
public record ResidentConfig(Boolean enabled, Ami ami, String dial, String callback, Integer ringTimeoutSeconds,
                             Integer attempts, Integer retryPauseSeconds, Integer answerTimeoutSeconds,
                             Integer noInputSeconds, Integer maxQuestions, Integer holdRepeatSeconds,
                             ResidentPrompts prompts) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):([0-9]{1,5})");

    /**
     * The manager connection.
     *
     * @param host     Asterisk's address
     * @param port     {@code manager.conf} port
     * @param username a manager user with {@code write = originate} (and {@code read = call})
     * @param secret   its secret; required when the resident leg is enabled
     */
    public record Ami(String host, Integer port, String username, String secret) {
        public Ami {
            host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
            port = port == null ? 5038 : port;
            username = username == null || username.isBlank() ? "doorman" : username.strip();
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("resident.ami.port must be 1..65535, got " + port);
            }
        }
    }

    public ResidentConfig {
        enabled = enabled != null && enabled;
        ami = ami == null ? new Ami(null, null, null, null) : ami;
        dial = dial == null || dial.isBlank() ? "Local/${extension}@residents" : dial.strip();
        callback = callback == null || callback.isBlank() ? null : callback.strip();
        ringTimeoutSeconds = positive("resident.ringTimeoutSeconds", ringTimeoutSeconds, 30);
        attempts = positive("resident.attempts", attempts, 2);
        retryPauseSeconds = atLeastZero("resident.retryPauseSeconds", retryPauseSeconds, 3);
        answerTimeoutSeconds = positive("resident.answerTimeoutSeconds", answerTimeoutSeconds, 10);
        noInputSeconds = positive("resident.noInputSeconds", noInputSeconds, 6);
        maxQuestions = positive("resident.maxQuestions", maxQuestions, 3);
        holdRepeatSeconds = positive("resident.holdRepeatSeconds", holdRepeatSeconds, 10);
        prompts = prompts == null ? ResidentPrompts.ENGLISH : prompts;
        Matcher m = PLACEHOLDER.matcher(dial);
        while (m.find()) {
            if (!m.group(1).equals("extension") && !m.group(1).equals("apartment")) {
                throw new IllegalArgumentException("resident.dial: unknown placeholder ${" + m.group(1)
                        + "} (use ${extension} or ${apartment}): " + dial);
            }
        }
        if (callback != null && !HOST_PORT.matcher(callback).matches()) {
            throw new IllegalArgumentException("resident.callback must be host:port (the address Asterisk connects "
                    + "to, e.g. 10.0.0.5:9092), got " + callback);
        }
        if (enabled && (ami.secret() == null || ami.secret().isBlank())) {
            throw new IllegalArgumentException("resident.ami.secret is required when resident.enabled is true "
                    + "(the secret of the manager.conf user " + ami.username() + ")");
        }
    }

    public static ResidentConfig defaults() {
        return new ResidentConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Binds the raw {@code resident} section; errors name the key. */
    public static ResidentConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("resident", section, ResidentConfig.class);
    }

    public Duration ringTimeout() {
        return Duration.ofSeconds(ringTimeoutSeconds);
    }

    private static int positive(String key, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + v);
        }
        return v;
    }

    private static int atLeastZero(String key, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < 0) {
            throw new IllegalArgumentException(key + " must be 0 or more, got " + v);
        }
        return v;
    }
}
