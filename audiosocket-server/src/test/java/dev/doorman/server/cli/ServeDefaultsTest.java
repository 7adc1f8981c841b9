package dev.doorman.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.events.Stage;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code doorman serve} with no config file runs the intercom dialog on the embedded engines and
 * the sample directory, says so at start, and exposes the stage latency series before any call.
 */
class ServeDefaultsTest {
    @TempDir
    static Path logs;
    private static ServeCommand serve;
    private static ServerConfig config;
    private static DoormanServer server;

    @BeforeAll
    static void startWithNoConfig() {
        Map<String, String> env = Map.of("DOORMAN_SERVER_BIND", "127.0.0.1", "DOORMAN_SERVER_PORT", "0",
                "DOORMAN_ADMIN_PORT", "0", "DOORMAN_LOGGING_DIR", logs.toString());
        DoormanHome home = new DoormanHome(Repository.root());
        serve = new ServeCommand(env, home);
        config = ServeCommand.configLoader(home).load(null, env, List.<ConfigLoader.Override>of()).config();
        server = serve.buildServer(config).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        serve.closeDialog();
    }

    private static Map<String, String> summary() {
        return serve.summary(config, server).lines().stream().collect(Collectors.toMap(StartupSummary.Line::label, StartupSummary.Line::value));
    }

    @Test
    void theSummarySaysWhatWasLoaded() throws Exception {
        JsonNode directory = new ObjectMapper().readTree(Repository.root().resolve("samples/directory.json").toFile());
        int residents = 0;
        for (JsonNode apartment : directory) {
            residents += apartment.get("residents").size();
        }
        Map<String, String> lines = summary();
        assertEquals("0.1.0-SNAPSHOT, config built-in defaults (no --config)".replace("0.1.0-SNAPSHOT",
                BuildInfo.load().version()), lines.get("doorman"));
        assertTrue(lines.get("audiosocket").startsWith("127.0.0.1:" + server.audioSocketPort() + ", max 2000 calls"),
                lines.toString());
        assertEquals("http://127.0.0.1:" + server.adminPort() + " (/health /ready /metrics /calls)", lines.get("admin"));
        assertTrue(lines.get("call logs").startsWith(logs.toString()), lines.toString());
        assertTrue(lines.get("dialog").startsWith("on"), lines.toString());
        assertTrue(lines.get("speech recognition").startsWith("vosk, model bundled US English (com.alphacephei:vosk-model-en:"),
                lines.toString());
        assertEquals("freetts, voice kevin", lines.get("speech synthesis"));
        assertEquals("rules", lines.get("intent"));
        assertEquals(Repository.root().resolve("samples/directory.json") + ": " + directory.size() + " apartments, "
                + residents + " residents", lines.get("directory"));
        assertEquals("recognition en-US (the bundled model), intent en", lines.get("languages"));
        assertTrue(lines.get("resident leg").startsWith("disabled (resident.enabled: false)"), lines.toString());
        assertEquals("none", lines.get("access"));
    }

    @Test
    void everyStageHasALatencySeriesBeforeTheFirstCall() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (Stage stage : Stage.values()) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("call_stage_latency_seconds_count{")
                    && l.contains("stage=\"" + stage.wireName() + "\"") && l.endsWith(" 0")), stage + " in\n" + metrics);
        }
        assertTrue(metrics.contains("provider=\"vosk\",stage=\"transcription\""), metrics);
    }

    @Test
    void greetingOnlySaysSo() {
        ServerConfig greeting = ServerConfig.defaults();
        Map<String, String> lines = StartupSummary.of(new BuildInfo("9.9", "m"), Path.of("c.yaml"), greeting, 9092, -1, null, null)
                .lines().stream().collect(Collectors.toMap(StartupSummary.Line::label, StartupSummary.Line::value));
        assertTrue(lines.get("doorman").startsWith("9.9, config /"), lines.toString());
        assertTrue(lines.get("dialog").startsWith("off: greeting only (classpath:prompts/greeting.wav)"), lines.toString());
        assertEquals("off", lines.get("admin"));
        assertTrue(!lines.containsKey("speech recognition"), "no engines without the dialog");
    }
}
