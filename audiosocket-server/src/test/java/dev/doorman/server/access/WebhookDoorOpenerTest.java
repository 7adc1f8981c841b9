package dev.doorman.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.doorman.server.retry.Backoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook against an in-test HTTP receiver that checks what a real access controller would. */
class WebhookDoorOpenerTest {
    private static final String SECRET = "s3cret";
    private static final DoorRequest REQUEST = new DoorRequest("6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c", "415", "Mary Jones",
            "Peter Parker", "visit", "authorized", Instant.parse("2026-12-02T10:00:00Z"));

    private HttpServer receiver;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final CountDownLatch stall = new CountDownLatch(1);
    private volatile boolean stalling;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/door", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("X-Doorman-Signature"));
            deliveries.add(exchange.getRequestHeaders().getFirst("X-Doorman-Delivery"));
            if (stalling) {
                try {
                    stall.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = failuresLeft.getAndDecrement() > 0 ? 503 : status.get();
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        stall.countDown();
        receiver.stop(0);
    }

    private WebhookDoorOpener opener(String url, int attempts, int timeoutMs) {
        AccessConfig.Webhook config = new AccessConfig.Webhook(url, SECRET, timeoutMs, attempts);
        return new WebhookDoorOpener(config, HttpClient.newHttpClient(),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 2.0, 0.0, () -> 0.5));
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/door";
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void postsTheVisitSignedWithTheSecret() throws Exception {
        DoorOpener.DoorResult result = opener(url(), 3, 2000).open(REQUEST).get(10, TimeUnit.SECONDS);
        assertTrue(result.ok(), result.toString());
        assertEquals(1, result.attempts());
        JsonNode body = new ObjectMapper().readTree(bodies.get(0));
        assertEquals(REQUEST.callId(), body.path("call_id").asText());
        assertEquals("415", body.path("apartment").asText());
        assertEquals("Mary Jones", body.path("resident").asText());
        assertEquals("Peter Parker", body.path("visitor_name").asText());
        assertEquals("visit", body.path("intent").asText());
        assertEquals("authorized", body.path("decision").asText());
        assertEquals("2026-12-02T10:00:00Z", body.path("ts").asText());
        assertEquals(hmac(bodies.get(0)), signatures.get(0));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameDeliveryId() throws Exception {
        failuresLeft.set(2);
        DoorOpener.DoorResult result = opener(url(), 3, 2000).open(REQUEST).get(10, TimeUnit.SECONDS);
        assertTrue(result.ok(), result.toString());
        assertEquals(3, result.attempts());
        assertEquals(1, deliveries.stream().distinct().count(), "a receiver can drop duplicates by X-Doorman-Delivery");
    }

    @Test
    void aRefusalIsFinalNotRetried() throws Exception {
        status.set(401);
        DoorOpener.DoorResult result = opener(url(), 3, 2000).open(REQUEST).get(10, TimeUnit.SECONDS);
        assertFalse(result.ok());
        assertEquals(1, result.attempts());
        assertEquals("HTTP 401", result.detail());
    }

    @Test
    void nobodyListeningIsRetriedThenReportedWithTheCause() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DoorOpener.DoorResult result = opener("http://127.0.0.1:" + closed + "/door", 3, 2000).open(REQUEST)
                .get(10, TimeUnit.SECONDS);
        assertFalse(result.ok());
        assertEquals(3, result.attempts());
        assertTrue(result.detail().contains("ConnectException"), result.detail());
    }

    @Test
    void aStalledReceiverTimesOutAndIsRetried() throws Exception {
        stalling = true;
        DoorOpener.DoorResult result = opener(url(), 2, 200).open(REQUEST).get(10, TimeUnit.SECONDS);
        assertFalse(result.ok());
        assertEquals(2, result.attempts());
        assertTrue(result.detail().contains("Timeout"), result.detail());
    }
}
