package dev.doorman.server.pipeline;

import dev.doorman.server.pipeline.http.EngineHttpClient;
import dev.doorman.server.pipeline.http.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/** Validation shared by the HTTP engines' config: the base URL, the API key source, the retry budget. */
public final class HttpEngineSettings {
    private HttpEngineSettings() {
    }

    /**
     * @param key the config key for messages, e.g. {@code stt.http.baseUrl}
     * @return the URL without surrounding blanks
     * @throws IllegalArgumentException unless an absolute http(s) URL
     */
    public static String requireBaseUrl(String baseUrl, String key) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(key + " is required for the http engine");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": not a URL: " + baseUrl, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + ": expected an http(s) URL like http://127.0.0.1:8080, got " + baseUrl);
        }
        return baseUrl.strip();
    }

    /**
     * The API key: {@code apiKey} if set, else the environment variable named by {@code apiKeyEnv},
     * else none (null).
     *
     * @param envKey config key of {@code apiKeyEnv} for messages
     * @throws IllegalArgumentException if {@code apiKeyEnv} names an unset variable
     */
    public static String resolveApiKey(String apiKey, String apiKeyEnv, String envKey, Function<String, String> env) {
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.strip();
        }
        if (apiKeyEnv != null && !apiKeyEnv.isBlank()) {
            String value = env.apply(apiKeyEnv.strip());
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(envKey + ": environment variable " + apiKeyEnv + " is not set");
            }
            return value.strip();
        }
        return null;
    }

    /**
     * The client an HTTP engine section configures ({@code <prefix>.baseUrl}, {@code apiKey} or
     * {@code apiKeyEnv}, {@code timeoutMs} for the whole request with its retries, {@code attempts}).
     *
     * @param prefix the section's key, e.g. {@code stt.http}, for messages
     * @throws IllegalArgumentException naming the key of a bad value
     */
    public static EngineHttpClient client(String prefix, String baseUrl, String apiKey, String apiKeyEnv, int timeoutMs,
                                          int attempts, Function<String, String> env) {
        String url = requireBaseUrl(baseUrl, prefix + ".baseUrl");
        Duration budget = Duration.ofMillis(requirePositive(timeoutMs, prefix + ".timeoutMs"));
        RetryPolicy retry = RetryPolicy.of(requirePositive(attempts, prefix + ".attempts"), budget);
        return EngineHttpClient.create(url, resolveApiKey(apiKey, apiKeyEnv, prefix + ".apiKeyEnv", env), retry);
    }

    /** @throws IllegalArgumentException unless positive */
    public static int requirePositive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
        return value;
    }
}
