package dev.doorman.server.building;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import dev.doorman.server.testing.CapturedStderr;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two buildings on one server, from samples/config-two-buildings.yaml: the same apartment numbers,
 * other residents. The same recorded visitor ("... here to visit David Miller, apartment 303")
 * calls each building's port: north, whose 303 is David Miller, rings him on north's dial string;
 * south, whose 303 is Helen Carter, does not. Meanwhile south's directory is reloaded twice: a bad
 * file is refused (logged and answered, the old directory stays), then a good one that adds David
 * Miller to south's 303; the south call in progress keeps its directory, and a south call placed
 * after the reload rings him on south's dial string. Call files, metrics, /calls and /buildings
 * carry the right building.
 */
class TwoBuildingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VISITOR = Repository.root().resolve("samples/visitors/visit-david-miller-303.wav");

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachPortIsItsBuildingAndADirectoryReloadIsCheckedWhileCallsGoOn() throws Exception {
        Path logs = tmp.resolve("logs");
        Path southDirectory = tmp.resolve("south.json");
        Files.copy(Repository.root().resolve("samples/directory-south.json"), southDirectory);
        ServerConfig config = twoBuildingSample(logs, southDirectory);

        try (Buildings buildings = Buildings.create(config)) {
            assertEquals(1, buildings.engines().recognizers(), "two English buildings share one speech model");
            DoormanServer server = buildings.addTo(DoormanServer.builder(config)).build().start();
            try (CallSimulator simulator = new CallSimulator(3)) {
                int north = server.audioSocketPort("north");
                int south = server.audioSocketPort("south");
                String northId = UUID.randomUUID().toString();
                String southId = UUID.randomUUID().toString();
                String laterId = UUID.randomUUID().toString();
                CompletableFuture<CallResult> northCall = simulator.call(visitor(north), northId);
                CompletableFuture<CallResult> southCall = simulator.call(visitor(south), southId);

                await().atMost(Duration.ofSeconds(20)).until(() -> server.activeCalls().size() == 2);
                JsonNode calls = get(server, "/calls");
                Set<String> callBuildings = new HashSet<>();
                calls.path("calls").forEach(c -> callBuildings.add(c.path("building").asText()));
                assertEquals(Set.of("north", "south"), callBuildings, calls.toString());

                // A bad file is refused with the reason; the old directory stays.
                Files.writeString(southDirectory, """
                        [
                          {"apartment": "101", "residents": ["Beatriz Costa"], "extension": "2101"},
                          {"apartment": "303", "extension": "2303"}
                        ]
                        """);
                HttpResponse<String> refused = post(server, "/buildings/south/directory/reload");
                assertEquals(422, refused.statusCode(), refused.body());
                JsonNode answer = JSON.readTree(refused.body());
                assertEquals("refused", answer.path("status").asText());
                assertTrue(answer.path("error").asText().contains(southDirectory + ": line 3"), refused.body());
                assertEquals(6, answer.path("apartments").asInt(), "the old directory stays");
                assertEquals(6, buildings.get("south").directory().entries().size());
                assertTrue(stderr.text().contains("building south: directory reload refused, the old directory stays"),
                        stderr.text());

                // A good one replaces it for the calls that start from now on.
                Files.writeString(southDirectory, Files.readString(Repository.root()
                        .resolve("samples/directory-south.json")).replace("[\"Helen Carter\"]",
                        "[\"Helen Carter\", \"David Miller\"]"));
                HttpResponse<String> reloaded = post(server, "/buildings/south/directory/reload");
                assertEquals(200, reloaded.statusCode(), reloaded.body());
                assertEquals(9, JSON.readTree(reloaded.body()).path("residents").asInt());
                CompletableFuture<CallResult> laterCall = simulator.call(visitor(south), laterId);

                // Each call's first turn answered (how long decoding takes depends on the machine's load).
                awaitEvent(logs, northId, "CALL_MORADOR");
                awaitEvent(logs, southId, "AI_PROCESSING_COMPLETE");
                awaitEvent(logs, laterId, "CALL_MORADOR");

                String metrics = get(server, "/metrics", HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("doorman_calls_started_total{building=\"north\"} 1.0"), metrics);
                assertTrue(metrics.contains("doorman_calls_started_total{building=\"south\"} 2.0"), metrics);
                assertTrue(metrics.contains("doorman_directory_reloads_total{building=\"south\",result=\"refused\"} 1.0"));
                assertTrue(metrics.contains("doorman_directory_reloads_total{building=\"south\",result=\"reloaded\"} 1.0"));
                assertTrue(metrics.contains("doorman_resident_decisions_total{building=\"north\",decision=\"authorized\"} 0.0"),
                        "each building's resident meters");

                Map<String, JsonNode> listed = new HashMap<>();
                get(server, "/buildings").path("buildings").forEach(b -> listed.put(b.path("id").asText(), b));
                assertEquals(Set.of("north", "south"), listed.keySet());
                assertEquals("North Tower", listed.get("north").path("name").asText());
                assertEquals(south, listed.get("south").path("port").asInt());
                assertEquals(10, listed.get("north").path("directory").path("apartments").asInt(), listed.toString());
                JsonNode southListed = listed.get("south").path("directory");
                assertEquals(9, southListed.path("residents").asInt());
                assertEquals(1, southListed.path("refused").asInt());

                server.close(); // hangs up the calls still waiting for the visitor
                List.of(northCall, southCall, laterCall).forEach(CompletableFuture::join);
                CallFile northFile = ended(logs, northId);
                CallFile southFile = ended(logs, southId);
                CallFile laterFile = ended(logs, laterId);
                assertEquals("north", data(northFile, "CALL_SETUP").path("building").asText());
                assertEquals("south", data(southFile, "CALL_SETUP").path("building").asText());
                assertEquals("south", data(laterFile, "CALL_SETUP").path("building").asText());

                JsonNode ringNorth = data(northFile, "CALL_MORADOR");
                assertEquals("David Miller", ringNorth.path("resident").asText(), northFile.types().toString());
                assertEquals("303", ringNorth.path("apartment").asText());
                assertEquals("Local/1303@residents", ringNorth.path("destination").asText());

                assertFalse(southFile.types().contains("CALL_MORADOR"),
                        "south's 303 is Helen Carter, and the call kept the directory it started with: " + southFile.types());
                assertTrue(southFile.all("FUZZY_VALIDATION_COMPLETE").stream()
                        .noneMatch(e -> e.path("data").path("match").asText().equals("David Miller")),
                        southFile.types().toString());

                JsonNode ringSouth = data(laterFile, "CALL_MORADOR");
                assertEquals("David Miller", ringSouth.path("resident").asText(), laterFile.types().toString());
                assertEquals("Local/2303@residents-south", ringSouth.path("destination").asText(),
                        "south's own phone, on south's dial string");
            } finally {
                server.close();
            }
        }
    }

    /** The sample, on free loopback ports, logging under {@code logs}, south's directory a copy we can change. */
    private ServerConfig twoBuildingSample(Path logs, Path southDirectory) {
        Path sample = Repository.root().resolve("samples/config-two-buildings.yaml");
        ServerConfig config = new ConfigLoader(new DoormanHome(Repository.root()))
                .load(sample, Map.of(), Map.of("server.bind", "127.0.0.1", "admin.port", "0",
                        "logging.dir", logs.toString()))
                .config();
        JsonNode list = config.section(ServerConfig.BUILDINGS);
        for (JsonNode building : list) {
            ((ObjectNode) building).put("port", 0);
        }
        ((ObjectNode) list.get(1)).put("directory", southDirectory.toString());
        return config;
    }

    // The visitor lets the greeting start (3 s of silence), then speaks over it.
    private static SimulationOptions visitor(int port) throws Exception {
        WavFile speech = WavFile.read(VISITOR);
        byte[] audio = new byte[speech.sampleRate() * 2 * 3 + speech.pcm().length];
        System.arraycopy(speech.pcm(), 0, audio, audio.length - speech.pcm().length, speech.pcm().length);
        return SimulationOptions.builder("127.0.0.1", port, new WavFile(speech.sampleRate(), audio))
                .silenceAfter(Duration.ofSeconds(60))
                .maxDuration(Duration.ofSeconds(120))
                .build();
    }

    private JsonNode get(DoormanServer server, String path) throws Exception {
        return JSON.readTree(get(server, path, HttpResponse.BodyHandlers.ofString()).body());
    }

    private <T> HttpResponse<T> get(DoormanServer server, String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(), body);
    }

    private HttpResponse<String> post(DoormanServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitEvent(Path logs, String callId, String event) {
        Path file = logs.resolve(callId + ".jsonl");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(file)
                && Files.readString(file).contains("\"event\":\"" + event + "\""));
    }

    private static CallFile ended(Path logs, String callId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(logs.resolve(callId + ".jsonl"))
                .contains("\"CALL_ENDED\""));
        return CallFile.read(logs, callId);
    }

    private static JsonNode data(CallFile file, String event) {
        return file.first(event).orElseThrow(() -> new AssertionError("no " + event + " in " + file.types()))
                .path("data");
    }
}
