package dev.doorman.server.pipeline.http;

import dev.doorman.server.pipeline.OpenAiCompatibleServer;
import dev.doorman.server.pipeline.OpenAiCompatibleServer.Answer;
import dev.doorman.server.pipeline.StageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engines' one HTTP client against a server speaking the OpenAI API and its failures. */
class EngineHttpClientTest {
    private static final byte[] CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String COMPLETION = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}";

    private OpenAiCompatibleServer server;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiCompatibleServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineHttpClient client(int attempts, Duration budget) {
        return new EngineHttpClient(HttpClient.newHttpClient(), server.baseUrl() + "/", "sk-x",
                RetryPolicy.of(attempts, budget));
    }

    private EngineHttpClient.Response chat(EngineHttpClient client) {
        return client.post("intent", "/v1/chat/completions", "application/json", "application/json", CHAT);
    }

    /** Answers in turn, the last one from then on. */
    private void answers(Answer... answers) {
        AtomicInteger next = new AtomicInteger();
        server.answer(r -> answers[Math.min(next.getAndIncrement(), answers.length - 1)]);
    }

    @Test
    void anOverloadedServerIsAskedAgainAndItsAnswerReturned() {
        answers(Answer.status(503, "{\"error\":{\"message\":\"overloaded\"}}"),
                Answer.status(502, "<html>bad gateway</html>"), Answer.json(COMPLETION));
        EngineHttpClient.Response response = chat(client(3, Duration.ofSeconds(10)));
        assertEquals(COMPLETION, response.text());
        List<OpenAiCompatibleServer.Received> requests = server.received();
        assertEquals(3, requests.size());
        for (OpenAiCompatibleServer.Received r : requests) {
            assertEquals("/v1/chat/completions", r.path());
            assertEquals("Bearer sk-x", r.header("Authorization"));
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals(new String(CHAT, StandardCharsets.UTF_8), r.bodyText(), "each try sends the same body");
        }
    }

    @Test
    void anyTwoHundredIsASuccess() {
        answers(new Answer(203, "application/json", COMPLETION.getBytes(StandardCharsets.UTF_8), false, false,
                java.util.Map.of()));
        assertEquals(203, chat(client(1, Duration.ofSeconds(5))).status());
    }

    @Test
    void aClientErrorIsFinalAndNamesTheStatusAndBody() {
        answers(Answer.status(400, "{\"error\":{\"message\":\"model 'x' not found\"}}"), Answer.json(COMPLETION));
        StageException e = assertThrows(StageException.class, () -> chat(client(3, Duration.ofSeconds(5))));
        assertEquals("intent", e.stage());
        assertEquals("http_status", e.errorType());
        assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("not found"), e.getMessage());
        assertEquals(1, server.received().size(), "a 400 is not retried");
    }

    @Test
    void theLastFailureStandsWhenTheTriesRunOut() {
        answers(Answer.status(500, "{\"error\":\"first\"}"), Answer.status(429, "{\"error\":\"rate limited\"}"));
        StageException e = assertThrows(StageException.class, () -> chat(client(2, Duration.ofSeconds(5))));
        assertEquals("http_status", e.errorType());
        assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
        assertEquals(2, server.received().size());
    }

    @Test
    void retryAfterIsHonouredWhenItFitsTheBudget() {
        answers(Answer.status(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "1"), Answer.json(COMPLETION));
        long start = System.nanoTime();
        assertEquals(COMPLETION, chat(client(2, Duration.ofSeconds(10))).text());
        assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(1), "waited as the server asked");
    }

    @Test
    void aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
        answers(Answer.status(503, "{\"error\":\"maintenance\"}").withHeader("Retry-After", "120"), Answer.json(COMPLETION));
        StageException e = assertThrows(StageException.class, () -> chat(client(3, Duration.ofSeconds(2))));
        assertEquals("http_status", e.errorType());
        assertEquals(1, server.received().size());
    }

    @Test
    void aStalledServerUsesTheBudgetAndTimesOutWithoutRetrying() {
        server.answer(Answer.stall());
        StageException e = assertThrows(StageException.class, () -> chat(client(3, Duration.ofMillis(300))));
        assertEquals("timeout", e.errorType());
        assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void aBodyThatStopsHalfwayIsATimeout() {
        server.answer(Answer.json(COMPLETION).stallingBody());
        StageException e = assertThrows(StageException.class, () -> chat(client(2, Duration.ofMillis(500))));
        assertEquals("timeout", e.errorType());
    }

    @Test
    void anUnreachableServerIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EngineHttpClient gone = new EngineHttpClient(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, null,
                RetryPolicy.of(2, Duration.ofSeconds(5)));
        StageException e = assertThrows(StageException.class, () -> chat(gone));
        assertEquals("unavailable", e.errorType());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void anInterruptedWaitIsCancelledAtOnce() {
        server.answer(Answer.stall());
        EngineHttpClient client = client(3, Duration.ofSeconds(30));
        CompletableFuture<StageException> failure = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                chat(client);
                failure.complete(null);
            } catch (StageException e) {
                failure.complete(e);
            }
        });
        worker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1);
        worker.interrupt();
        StageException e = failure.orTimeout(10, TimeUnit.SECONDS).join();
        assertEquals("cancelled", e.errorType());
        assertEquals(1, server.received().size(), "a cancelled request is not retried");
    }
}
