package dev.doorman.server.pipeline.http;

import dev.doorman.server.pipeline.StageException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one client of the OpenAI-compatible engines (speech to text, text to speech, chat): every
 * request goes through {@link #post}, so every engine classifies failures, retries and treats 2xx
 * answers the same way.
 *
 * <ul>
 *   <li>{@code unavailable}: the server cannot be reached or dropped the connection (retried);</li>
 *   <li>{@code timeout}: no whole answer within the budget (an attempt that ran out of it is not
 *       retried: there is no time left);</li>
 *   <li>{@code http_status}: a non-2xx answer; 408, 425, 429, 500, 502, 503 and 504 are retried,
 *       after the server's {@code Retry-After} when it gives one that fits the budget;</li>
 *   <li>{@code bad_response}: a 2xx answer the engine cannot use (its caller decides, see
 *       {@link #badResponse});</li>
 *   <li>{@code cancelled}: the waiting thread was interrupted (the turn was cancelled); the request
 *       is abandoned at once.</li>
 * </ul>
 * Any 2xx status is success. Thread-safe.
 */
public final class EngineHttpClient {
    private static final Set<Integer> RETRIED_STATUSES = Set.of(408, 425, 429, 500, 502, 503, 504);

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final RetryPolicy retry;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8080}; paths like {@code /v1/audio/speech} are appended
     * @param apiKey  sent as a Bearer token, or null
     */
    public EngineHttpClient(HttpClient http, String baseUrl, String apiKey, RetryPolicy retry) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.retry = retry;
    }

    /** A client with its own {@link HttpClient} (connect timeout = the budget). */
    public static EngineHttpClient create(String baseUrl, String apiKey, RetryPolicy retry) {
        return new EngineHttpClient(HttpClient.newBuilder().connectTimeout(retry.budget()).build(), baseUrl, apiKey,
                retry);
    }

    public URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** A successful answer: its status, headers and whole body. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        }
    }

    /**
     * POSTs {@code body} to {@code path} and returns the 2xx answer, retrying as the policy allows.
     *
     * @param stage       the pipeline stage named in failures ("transcription", "synthesis", "intent")
     * @param contentType the body's type
     * @param accept      the Accept header, or null
     * @throws StageException {@code unavailable}, {@code timeout}, {@code http_status} or {@code cancelled}
     */
    public Response post(String stage, String path, String contentType, String accept, byte[] body) {
        URI uri = endpoint(path);
        long deadline = System.nanoTime() + retry.budget().toNanos();
        StageException last = null;
        for (int attempt = 0; attempt < retry.attempts(); attempt++) {
            if (attempt > 0) {
                long pause = pauseBefore(attempt, last, deadline);
                if (pause < 0) {
                    break; // no time left for another try: the last failure stands
                }
                sleep(stage, uri, pause);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofNanos(remaining))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<byte[]> response;
            try {
                response = exchange(stage, uri, request.build(), remaining);
            } catch (StageException e) {
                if (!StageException.UNAVAILABLE.equals(e.errorType())) {
                    throw e; // a timeout used up the budget; a cancellation ends at once
                }
                last = e;
                continue;
            }
            if (response.statusCode() / 100 == 2) {
                return new Response(response.statusCode(), response.headers(), response.body());
            }
            last = new HttpStatusFailure(stage, uri, response);
            if (!RETRIED_STATUSES.contains(response.statusCode())) {
                throw last;
            }
        }
        if (last == null) {
            throw timeout(stage, uri);
        }
        throw last;
    }

    /**
     * A 2xx answer that is not what the engine expects, with the start of the body in the message.
     */
    public static StageException badResponse(String stage, String what, URI from, byte[] body, Throwable cause) {
        return new StageException(stage, StageException.BAD_RESPONSE, what + " from " + from + ": " + snippet(body),
                cause);
    }

    /** Up to 200 printable characters of a body, for messages. */
    public static String snippet(byte[] body) {
        if (body == null) {
            return "";
        }
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("[^\\p{Print}\\s]", "?").replaceAll("\\s+", " ").strip();
        return body.length > 200 ? s + "..." : s;
    }

    private HttpResponse<byte[]> exchange(String stage, URI uri, HttpRequest request, long remainingNanos) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // Bounds the whole exchange, body included (the request timeout only covers the headers).
            return pending.get(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timeout(stage, uri);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new StageException(stage, StageException.CANCELLED, "request to " + uri + " cancelled", e);
        } catch (CancellationException e) {
            throw new StageException(stage, StageException.CANCELLED, "request to " + uri + " cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new StageException(stage, StageException.UNAVAILABLE, "cannot connect to " + uri + ": " + cause, cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw timeout(stage, uri);
            }
            if (cause instanceof ConnectException || cause instanceof IOException) {
                throw new StageException(stage, StageException.UNAVAILABLE,
                        (cause instanceof ConnectException ? "cannot connect to " : "request to ") + uri + " failed: "
                                + cause, cause);
            }
            throw new StageException(stage, StageException.ENGINE, "request to " + uri + " failed: " + cause, cause);
        }
    }

    // Nanoseconds to wait before this attempt, or -1 when the budget does not allow another try.
    private long pauseBefore(int attempt, StageException last, long deadline) {
        long pause = retry.backoff().delay(attempt - 1).toNanos();
        if (last instanceof HttpStatusFailure status && status.retryAfterNanos.isPresent()) {
            pause = Math.max(pause, status.retryAfterNanos.getAsLong());
        }
        long left = deadline - System.nanoTime() - pause;
        return left <= 0 ? -1 : pause;
    }

    private static void sleep(String stage, URI uri, long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(stage, StageException.CANCELLED, "retry of " + uri + " cancelled", e);
        }
    }

    private StageException timeout(String stage, URI uri) {
        return new StageException(stage, StageException.TIMEOUT,
                "no answer from " + uri + " within " + retry.budget().toMillis() + " ms");
    }

    /** A non-2xx answer, with what the server said and when it asked to be retried. */
    private static final class HttpStatusFailure extends StageException {
        private static final long serialVersionUID = 1L;
        private final transient OptionalLong retryAfterNanos;

        HttpStatusFailure(String stage, URI uri, HttpResponse<byte[]> response) {
            super(stage, StageException.HTTP_STATUS,
                    "HTTP " + response.statusCode() + " from " + uri + ": " + snippet(response.body()));
            this.retryAfterNanos = response.headers().firstValue("Retry-After").map(EngineHttpClient::seconds)
                    .orElse(OptionalLong.empty());
        }
    }

    // Retry-After in delta-seconds (the HTTP-date form is ignored: servers of these APIs send seconds).
    private static OptionalLong seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s < 0 ? OptionalLong.empty() : OptionalLong.of(TimeUnit.SECONDS.toNanos(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
