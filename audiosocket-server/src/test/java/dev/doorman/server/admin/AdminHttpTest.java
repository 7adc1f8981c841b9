package dev.doorman.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real HTTP GETs against a running server's admin port. */
class AdminHttpTest {
    @TempDir
    Path logs;
    private DoormanServer server;
    private final AtomicBoolean sttLoaded = new AtomicBoolean(false);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        ServerConfig config = ServerConfig.defaults()
                .withServer(ServerConfig.Server.defaults().withPort(0))
                .withAdmin(new ServerConfig.Admin(true, "127.0.0.1", 0))
                .withLogging(ServerConfig.Logging.defaults().withDir(logs.toString()));
        server = DoormanServer.builder(config).readinessCheck("stt", sttLoaded::get).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDirectoryReloadIsAPostOfAKnownBuilding() throws Exception {
        HttpResponse<String> get = get("/buildings/default/directory/reload");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("allow").orElse(""));
        HttpResponse<String> unknown = post("/buildings/nope/directory/reload");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("no building 'nope' (buildings: default)"), unknown.body());
        HttpResponse<String> greetingOnly = post("/buildings/default/directory/reload");
        assertEquals(409, greetingOnly.statusCode(), "a greeting-only server has no directory");
        JsonNode buildings = new ObjectMapper().readTree(get("/buildings").body());
        assertEquals(1, buildings.path("count").asInt());
        assertEquals("default", buildings.path("buildings").get(0).path("id").asText());
        assertEquals(server.audioSocketPort(), buildings.path("buildings").get(0).path("port").asInt());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("UP", new ObjectMapper().readTree(r.body()).get("status").asText());
    }

    @Test
    void readyWaitsForEveryCheck() throws Exception {
        HttpResponse<String> notYet = get("/ready");
        assertEquals(503, notYet.statusCode());
        JsonNode body = new ObjectMapper().readTree(notYet.body());
        assertTrue(body.get("checks").get("audiosocket").asBoolean());
        sttLoaded.set(true);
        assertEquals(200, get("/ready").statusCode());
    }

    @Test
    void metricsHaveJvmNettyCallAndCallLoggerMeters() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String text = r.body();
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds",
                "netty_allocator_memory_used", "doorman_calls_active", "doorman_calls_refused_total",
                "doorman_playback_frames_sent_total", "doorman_playback_gap_error_seconds_bucket",
                "calllog_events_written_total", "calllog_queue_depth", "executor_active_threads"}) {
            assertTrue(text.contains(name), "missing " + name);
        }
    }

    @Test
    void callsListsTheActiveCalls() throws Exception {
        UUID id = UUID.randomUUID();
        try (Socket asterisk = new Socket("127.0.0.1", server.audioSocketPort())) {
            OutputStream out = asterisk.getOutputStream();
            out.write(ByteBuffer.allocate(19).put((byte) 1).putShort((short) 16)
                    .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> get("/calls").body().contains(id.toString()));
            JsonNode call = new ObjectMapper().readTree(get("/calls").body()).get("calls").get(0);
            assertEquals(id.toString(), call.get("id").asText());
            assertEquals("default", call.get("building").asText());
            assertTrue(call.get("remote").asText().startsWith("127.0.0.1:"));
            assertTrue(call.has("state") && call.has("duration_ms"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/calls").body().contains("\"count\":0"));
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/nope").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPort() + "/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

}
