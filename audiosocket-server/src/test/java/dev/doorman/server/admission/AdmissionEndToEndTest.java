package dev.doorman.server.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.dialog.SampleDialogConfig;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Past capacity over real AudioSocket: a server that takes one conversation at a time keeps the
 * first caller and tells the second one, in words Vosk can hear, that all lines are busy; the
 * refusal is in the second call's file and on /metrics.
 */
class AdmissionEndToEndTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path logDir;

    @Test
    void aCallerBeyondCapacityHearsThatAllLinesAreBusyAndIsHungUp() throws Exception {
        ServerConfig sample = SampleDialogConfig.onLoopback(Path.of("../samples/config.yaml"), logDir);
        ServerConfig config = sample.withAdmin(new ServerConfig.Admin(true, "127.0.0.1", 0))
                .withSection("conversation", YAML.readTree("admission: {maxConversations: 1}\n"));
        CallResult busy;
        try (IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
             CallSimulator simulator = new CallSimulator(2)) {
            DoormanServer server = DoormanServer.builder(config).behaviors(dialog).build().start();
            try {
                CompletableFuture<CallResult> first = simulator.call(SimulationOptions.builder("127.0.0.1",
                        server.audioSocketPort(), new WavFile(8000, new byte[16_000])).silenceAfter(Duration.ofSeconds(12))
                        .maxDuration(Duration.ofSeconds(20)).build());
                await().atMost(Duration.ofSeconds(20)).until(() -> dialog.admission().visits() == 1);
                busy = simulator.call(SimulationOptions.builder("127.0.0.1", server.audioSocketPort(),
                                new WavFile(8000, new byte[16_000])).silenceAfter(Duration.ofSeconds(15))
                        .maxDuration(Duration.ofSeconds(20)).record(true).build()).get(30, TimeUnit.SECONDS);
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("doorman_admission_refused_total{reason=\"max_conversations\"} 1.0"),
                        "the refusal is counted on /metrics");
                assertTrue(metrics.contains("doorman_admission_admitted_total 1.0"), "the first caller was admitted");
                first.cancel(true);
            } finally {
                server.close();
            }
        }
        assertTrue(busy.outcome().endedByServer(), "the server hung up: " + busy.outcome());
        try (SpeechRecognizer vosk = new SpeechRecognizerFactory(k -> null).create(SttConfig.defaults());
             RecognitionStream stream = vosk.open(busy.sampleRate())) {
            stream.accept(busy.recordedPcm(), 0, busy.recordedPcm().length);
            String heard = stream.finish().text().toLowerCase(Locale.ROOT);
            assertTrue(heard.contains("are busy"), "the caller heard: " + heard);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(logDir.resolve(busy.callId() + ".jsonl"))) {
            events.add(new ObjectMapper().readTree(line));
        }
        List<String> types = events.stream().map(e -> e.path("event").asText()).toList();
        JsonNode refused = events.get(types.indexOf("ADMISSION_REFUSED")).path("data");
        assertEquals("max_conversations", refused.path("reason").asText());
        assertEquals(1, refused.path("visits").asInt());
        assertTrue(types.indexOf("PLAYBACK_START") > types.indexOf("ADMISSION_REFUSED"), types.toString());
        assertTrue(!types.contains("TRANSCRIPTION_START") && !types.contains("GREETING"), "no conversation: " + types);
        assertEquals("server_hangup", events.get(events.size() - 1).path("data").path("reason").asText());
    }
}
