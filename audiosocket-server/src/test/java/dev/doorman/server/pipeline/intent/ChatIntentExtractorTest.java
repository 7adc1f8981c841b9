package dev.doorman.server.pipeline.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.http.EngineHttpClient;
import dev.doorman.server.pipeline.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against an in-test HTTP server that speaks the OpenAI chat-completions API, failures included. */
class ChatIntentExtractorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer server;
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    private final AtomicReference<String> lastAuth = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String reply = "";
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean slow;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        lastRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        lastAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
        if (slow) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private ChatIntentExtractor extractor(long timeoutMs) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return new ChatIntentExtractor(new EngineHttpClient(HttpClient.newHttpClient(), base, "sk-test",
                RetryPolicy.of(1, Duration.ofMillis(timeoutMs))), "llama3.2", SpokenNumberParser.english());
    }

    private static String completion(String content) throws IOException {
        return MAPPER.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                "choices", java.util.List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content)))));
    }

    private static final DialogTurnContext CTX = new DialogTurnContext(1, "COLLECTING", Map.of("visitor_name", "Peter"));

    @Test
    void extractsTheJsonAnswerAndSendsAProperRequest() throws IOException {
        reply = completion("{\"intent\":\"visit\",\"visitor_name\":\"Peter Parker\",\"apartment\":\"three oh two\","
                + "\"resident_name\":\"John Smith\"}");
        IntentResult r = extractor(5000).extract("my name is peter parker, here for john smith in three oh two", CTX);
        assertEquals("visit", r.intent());
        assertEquals(Map.of("visitor_name", "Peter Parker", "apartment", "302", "resident_name", "John Smith"),
                r.entities());
        JsonNode request = MAPPER.readTree(lastRequest.get());
        assertEquals("llama3.2", request.path("model").asText());
        assertEquals("json_object", request.path("response_format").path("type").asText());
        assertEquals("user", request.path("messages").path(2).path("role").asText());
        assertTrue(request.path("messages").path(1).path("content").asText().contains("Peter"));
        assertEquals("Bearer sk-test", lastAuth.get());
    }

    @Test
    void acceptsJsonInsideMarkdownFencesAndNulls() throws IOException {
        reply = completion("Sure!\n```json\n{\"intent\": \"delivery\", \"visitor_name\": null, \"apartment\": 302,"
                + " \"resident_name\": \"null\"}\n```");
        IntentResult r = extractor(5000).extract("package for 302", CTX);
        assertEquals("delivery", r.intent());
        assertEquals(Map.of("apartment", "302"), r.entities());
    }

    @Test
    void unknownIntentBecomesUnknown() throws IOException {
        reply = completion("{\"intent\":\"party\"}");
        assertEquals(IntentResult.unknown(), extractor(5000).extract("let's party", CTX));
    }

    @Test
    void serverErrorIsAnHttpStatusFailure() {
        status = 500;
        reply = "{\"error\":{\"message\":\"model not loaded\"}}";
        StageException e = assertThrows(StageException.class, () -> extractor(5000).extract("hi", CTX));
        assertEquals("intent", e.stage());
        assertEquals("http_status", e.errorType());
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("model not loaded"), e.getMessage());
    }

    @Test
    void slowServerTimesOut() {
        slow = true;
        reply = "{}";
        StageException e = assertThrows(StageException.class, () -> extractor(200).extract("hi", CTX));
        assertEquals("timeout", e.errorType());
        assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());
    }

    @Test
    void garbageIsABadResponse() throws IOException {
        reply = "<html>oops</html>";
        assertEquals("bad_response", assertThrows(StageException.class,
                () -> extractor(5000).extract("hi", CTX)).errorType());
        reply = completion("I think they want to visit someone.");
        StageException e = assertThrows(StageException.class, () -> extractor(5000).extract("hi", CTX));
        assertEquals("bad_response", e.errorType());
        assertTrue(e.getMessage().startsWith("model answer is not a JSON object"), e.getMessage());
        reply = "{\"choices\":[]}";
        assertEquals("bad_response", assertThrows(StageException.class,
                () -> extractor(5000).extract("hi", CTX)).errorType());
    }

    @Test
    void refusedConnectionIsUnavailable() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.stop(0);
        ChatIntentExtractor gone = new ChatIntentExtractor(new EngineHttpClient(HttpClient.newHttpClient(), base, null,
                RetryPolicy.of(1, Duration.ofSeconds(2))), "m", SpokenNumberParser.english());
        assertEquals("unavailable", assertThrows(StageException.class, () -> gone.extract("hi", CTX)).errorType());
    }
}
