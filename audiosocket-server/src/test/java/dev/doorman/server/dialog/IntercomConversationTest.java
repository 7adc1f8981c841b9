package dev.doorman.server.dialog;

import dev.doorman.server.testing.Requirement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end over AudioSocket: the caller simulator streams a visitor's sentence (espeak-ng, not the
 * bot's FreeTTS voice) to a real server running the intercom dialog from samples/config.yaml; the
 * bot's recorded answer, transcribed by Vosk, names the resident; the call file holds the turn's
 * whole event chain in order.
 */
class IntercomConversationTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logDir;

    /** samples/config.yaml's pipeline sections on a loopback test server, paths made absolute. */
    static ServerConfig sampleConfig(Path logDir) throws Exception {
        return SampleDialogConfig.onLoopback(Path.of("../samples/config.yaml"), logDir);
    }

    static byte[] visitorSpeech(String text) throws Exception {
        try (SpeechSynthesizer espeak = new SpeechSynthesizerFactory(k -> null).createEngine(
                TtsConfig.from(YAML.readTree("engine: espeak\nvoice: en-us+f2\nespeak: {speed: 140}\n")))) {
            return espeak.synthesize(text, 8000).pcm();
        }
    }

    @Test
    void visitorAsksForAResidentAndTheDoormanCallsThem() throws Exception {
        Requirement.require(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "espeak-ng is not installed");
        ServerConfig config = sampleConfig(logDir);
        IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
        DoormanServer server = DoormanServer.builder(config).behaviors(dialog).build().start();
        CallResult result;
        try (CallSimulator simulator = new CallSimulator(1)) {
            // Silence while the greeting plays, then the visitor speaks.
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            audio.write(new byte[8000 * 2 * 6]);
            audio.write(visitorSpeech(
                    "Hello, my name is Peter Parker. I am here to visit David Miller in apartment three oh three."));
            SimulationOptions options = SimulationOptions.builder("127.0.0.1", server.audioSocketPort(),
                            new WavFile(8000, audio.toByteArray()))
                    .silenceAfter(Duration.ofSeconds(20))
                    .maxDuration(Duration.ofSeconds(60))
                    .record(true)
                    .build();
            result = simulator.call(options).get(90, TimeUnit.SECONDS);
        } finally {
            server.close();
            dialog.close();
        }
        assertTrue(result.outcome().endedByServer(), "the doorman hangs up after its goodbye: " + result.outcome());

        try (SpeechRecognizer vosk = new SpeechRecognizerFactory(k -> null).create(SttConfig.defaults());
             RecognitionStream stream = vosk.open(result.sampleRate())) {
            stream.accept(result.recordedPcm(), 0, result.recordedPcm().length);
            String heard = stream.finish().text().toLowerCase(Locale.ROOT);
            assertTrue(heard.contains("david miller"), "the bot as Vosk heard it: " + heard);
        }

        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(logDir.resolve(result.callId() + ".jsonl"))) {
            events.add(JSON.readTree(line));
        }
        JsonNode morador = events.stream().filter(e -> e.path("event").asText().equals("CALL_MORADOR"))
                .findFirst().orElseThrow(() -> new AssertionError("no CALL_MORADOR in " + names(events)));
        assertEquals("303", morador.path("data").path("apartment").asText());
        assertEquals("David Miller", morador.path("data").path("resident").asText());
        int turn = events.stream().filter(e -> e.path("event").asText().equals("AI_PROCESSING_COMPLETE"))
                .reduce((a, b) -> b).orElseThrow().path("data").path("turn").asInt();
        List<String> chain = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("data").path("turn").asInt(-1) == turn) {
                chain.add(e.path("event").asText());
            }
        }
        IntercomCallBehaviorTest.assertInOrder(List.of("SPEECH_ENDED", "TRANSCRIPTION_START", "TRANSCRIPTION_COMPLETE",
                "AI_PROCESSING_START", "INTENT_EXTRACTION_START", "INTENT_EXTRACTION_COMPLETE",
                "FUZZY_VALIDATION_START", "FUZZY_VALIDATION_COMPLETE", "AI_PROCESSING_COMPLETE",
                "SYNTHESIS_START", "SYNTHESIS_COMPLETE", "PLAYBACK_START"), chain);
        List<String> all = names(events);
        assertTrue(all.contains("GREETING") && all.indexOf("GREETING") < all.indexOf("TRANSCRIPTION_START"));
        List<String> states = events.stream().filter(e -> e.path("event").asText().equals("STATE_CHANGE"))
                .map(e -> e.path("data").path("to").asText()).toList();
        assertEquals(List.of("COLLECTING", "CALLING_RESIDENT", "GOODBYE"), states);
    }

    @Test
    void badPipelineConfigNamesTheKey() throws Exception {
        ServerConfig config = sampleConfig(logDir);
        ((ObjectNode) config.section("directory")).set("path", TextNode.valueOf(logDir.resolve("none.json").toString()));
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> IntercomCallBehaviorFactory.fromConfig(config::section, 8000));
        assertEquals("directory.path", e.key());
        ServerConfig chat = sampleConfig(logDir);
        ((ObjectNode) chat.section("intent")).set("engine", TextNode.valueOf("chat"));
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> IntercomCallBehaviorFactory.fromConfig(chat::section, 8000));
        assertEquals("intent.chat.baseUrl", e.key());
        assertEquals("config error: intent.chat.baseUrl: is required for the http engine", e.getMessage());
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").asText()).toList();
    }
}
