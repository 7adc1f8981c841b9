package dev.doorman.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Config {@code access}: how an authorized visit opens the door.
 *
 * <pre>
 * access:
 *   webhook:
 *     url: https://gate.example/doorman     # POST JSON, signed with HMAC-SHA256
 *     secret: a-long-random-string
 *     timeoutMs: 3000                       # per attempt
 *     attempts: 3                           # retried with backoff on network errors, 5xx and 429
 *   dtmf: "9#"                              # played on the visitor's channel through the AMI; "" = none
 * </pre>
 */
public record AccessConfig(Webhook webhook, String dtmf) {
    private static final Pattern DTMF = Pattern.compile("[0-9*#A-Da-d]{0,32}");

    /**
     * @param url       where to POST; null = no webhook
     * @param secret    the HMAC-SHA256 key of {@code X-Doorman-Signature}; required with a url
     * @param timeoutMs per attempt
     * @param attempts  tries in all
     */
    public record Webhook(String url, String secret, Integer timeoutMs, Integer attempts) {
        public Webhook {
            url = url == null || url.isBlank() ? null : url.strip();
            timeoutMs = timeoutMs == null ? 3000 : timeoutMs;
            attempts = attempts == null ? 3 : attempts;
            if (timeoutMs < 1) {
                throw new IllegalArgumentException("access.webhook.timeoutMs must be positive, got " + timeoutMs);
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("access.webhook.attempts must be at least 1, got " + attempts);
            }
            if (url != null) {
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("access.webhook.url is not a URL: " + url);
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("access.webhook.url must be an http(s) URL, got " + url);
                }
                if (secret == null || secret.isBlank()) {
                    throw new IllegalArgumentException("access.webhook.secret is required with access.webhook.url "
                            + "(the receiver checks X-Doorman-Signature with it)");
                }
            }
        }
    }

    public AccessConfig {
        webhook = webhook == null ? new Webhook(null, null, null, null) : webhook;
        dtmf = dtmf == null ? "" : dtmf.strip();
        if (!DTMF.matcher(dtmf).matches()) {
            throw new IllegalArgumentException("access.dtmf must be up to 32 DTMF digits (0-9 * # A-D), got '" + dtmf + "'");
        }
    }

    public static AccessConfig defaults() {
        return new AccessConfig(null, null);
    }

    /** Binds the raw {@code access} section; errors name the key. */
    public static AccessConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("access", section, AccessConfig.class);
    }
}
