package dev.doorman.server.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorman.server.retry.Backoff;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Opens the door through the gate's access control: POSTs the authorized visit as JSON
 * ({@code call_id, apartment, resident, visitor_name, intent, decision, ts}) with
 * {@code X-Doorman-Signature: sha256=<hex HMAC-SHA256 of the body>} and a {@code X-Doorman-Delivery}
 * id that stays the same across retries (so a receiver can drop duplicates). Retries with backoff
 * on network errors, timeouts, 5xx and 429; any other answer is final.
 */
public final class WebhookDoorOpener implements DoorOpener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final byte[] secret;
    private final Duration timeout;
    private final int attempts;
    private final Backoff backoff;
    private final HttpClient http;

    public WebhookDoorOpener(AccessConfig.Webhook config, HttpClient http, Backoff backoff) {
        this.url = URI.create(config.url());
        this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
        this.timeout = Duration.ofMillis(config.timeoutMs());
        this.attempts = config.attempts();
        this.backoff = backoff;
        this.http = http;
    }

    public static WebhookDoorOpener of(AccessConfig.Webhook config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.timeoutMs())).build();
        return new WebhookDoorOpener(config, http, new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4), 2.0, 0.2,
                () -> ThreadLocalRandom.current().nextDouble()));
    }

    @Override
    public String method() {
        return "webhook";
    }

    @Override
    public CompletableFuture<DoorResult> open(DoorRequest request) {
        byte[] body = body(request);
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Doorman-Signature", "sha256=" + sign(body))
                .header("X-Doorman-Delivery", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return attempt(post, 1);
    }

    private CompletableFuture<DoorResult> attempt(HttpRequest post, int n) {
        return http.sendAsync(post, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(new DoorResult(true, n, "HTTP " + response.statusCode()));
                    }
                    String detail = error != null ? describe(error) : "HTTP " + response.statusCode();
                    boolean retriable = error != null || response.statusCode() >= 500 || response.statusCode() == 429;
                    if (!retriable || n >= attempts) {
                        return CompletableFuture.completedFuture(new DoorResult(false, n, detail));
                    }
                    Duration pause = backoff.delay(n - 1);
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(post, n + 1));
                })
                .thenCompose(f -> f);
    }

    static byte[] body(DoorRequest r) {
        ObjectNode json = JSON.createObjectNode();
        json.put("call_id", r.callId());
        json.put("apartment", r.apartment());
        json.put("resident", r.resident());
        json.put("visitor_name", r.visitorName());
        json.put("intent", r.intent());
        json.put("decision", r.decision());
        json.put("ts", r.ts().toString());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the webhook body", e);
        }
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
