package dev.doorman.server.dialog;

import dev.doorman.server.testing.Requirement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.intent.IntentRules;
import dev.doorman.server.pipeline.intent.NameSpotter;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;
import dev.doorman.server.pipeline.intent.SpokenNumberParser;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.NameSimilarity;
import dev.doorman.server.pipeline.validation.TestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialog over audio with the real embedded engines: Vosk hears the visitor (spoken by espeak-ng,
 * a different voice from the bot's), FreeTTS answers, and Vosk checks the answer names the resident.
 */
class IntercomCallBehaviorTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static SpeechRecognizer vosk;
    private static SpeechSynthesizer bot;
    private static SpeechSynthesizer visitorVoice;

    @TempDir
    Path logDir;
    private CallLoggerManager loggers;
    private RecordingCallControl call;

    @BeforeAll
    static void engines() throws IOException {
        vosk = new SpeechRecognizerFactory(k -> null).create(SttConfig.defaults());
        bot = new SpeechSynthesizerFactory(k -> null).create(TtsConfig.defaults());
        if (Files.isExecutable(Path.of("/usr/bin/espeak-ng"))) {
            visitorVoice = new SpeechSynthesizerFactory(k -> null).createEngine(
                    TtsConfig.from(YAML.readTree("engine: espeak\nvoice: en-us+f2\nespeak: {speed: 140}\n")));
        }
    }

    @AfterAll
    static void closeEngines() {
        vosk.close();
        bot.close();
        if (visitorVoice != null) {
            visitorVoice.close();
        }
    }

    @BeforeEach
    void logs() {
        loggers = new CallLoggerManager(CallLoggerConfig.builder().logDir(logDir).build());
        call = new RecordingCallControl(loggers::getLogger);
    }

    @AfterEach
    void close() throws Exception {
        call.close();
        loggers.close();
    }

    private static DialogSetup setup() {
        return new DialogSetup(DialogConfig.DEFAULTS,
                new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(),
                        new DirectoryNameSpotter(TestDirectory.building(), new NameSimilarity(), 0.85)),
                TestDirectory.validator(), TestDirectory.building());
    }

    private List<JsonNode> events() throws Exception {
        call.logger().logCallEnded("test");
        loggers.close();
        List<JsonNode> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(logDir.resolve(call.callId() + ".jsonl"))) {
            events.add(json.readTree(line));
        }
        return events;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").asText()).toList();
    }

    private static String transcribe(byte[] pcm) {
        try (RecognitionStream stream = vosk.open(8000)) {
            stream.accept(pcm, 0, pcm.length);
            return stream.finish().text();
        }
    }

    @Test
    void visitorIsUnderstoodAndTheAnswerNamesTheResident() throws Exception {
        Requirement.require(visitorVoice != null, "espeak-ng is not installed");
        IntercomCallBehavior behavior = new IntercomCallBehavior(vosk, bot, setup());
        call.start(behavior);
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 1);
        assertEquals("greeting", call.played.get(0).label());
        assertEquals(0, call.played.get(0).turn());

        byte[] visitor = visitorVoice.synthesize(
                "Hello, my name is Peter Parker. I am here to visit David Miller in apartment three oh three.", 8000).pcm();
        call.speak(behavior, 1, visitor);
        await().atMost(Duration.ofSeconds(60)).until(() -> call.played.size() == 2);
        Prompt answer = call.played.get(1);
        assertEquals(1, answer.turn());
        call.sync();
        String log = Files.readString(logDir.resolve(call.callId() + ".jsonl"));
        assertTrue(call.hangupAfterPlayback, () -> "no call placed: " + log.lines().filter(l -> l.contains("TRANSCRIPTION_COMPLETE")
                || l.contains("INTENT_EXTRACTION_COMPLETE") || l.contains("AI_PROCESSING_COMPLETE")).toList());
        String heard = transcribe(answer.pcm()).toLowerCase(Locale.ROOT);
        assertTrue(heard.contains("david miller"), "the bot's answer as Vosk heard it: " + heard);

        List<JsonNode> events = events();
        List<String> turn1 = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("data").path("turn").asInt(-1) == 1) {
                turn1.add(e.path("event").asText());
            }
        }
        assertInOrder(List.of("TRANSCRIPTION_START", "TRANSCRIPTION_COMPLETE", "AI_PROCESSING_START",
                "INTENT_EXTRACTION_START", "INTENT_EXTRACTION_COMPLETE", "FUZZY_VALIDATION_START",
                "FUZZY_VALIDATION_COMPLETE", "AI_PROCESSING_COMPLETE", "SYNTHESIS_START", "SYNTHESIS_COMPLETE"), turn1);
        List<String> all = names(events);
        assertTrue(all.indexOf("GREETING") < all.indexOf("TRANSCRIPTION_START"));
        int aiDone = all.indexOf("AI_PROCESSING_COMPLETE");
        assertTrue(all.lastIndexOf("STATE_CHANGE") < aiDone && all.indexOf("CALL_MORADOR") < aiDone, all.toString());
        JsonNode morador = events.get(all.indexOf("CALL_MORADOR")).path("data");
        assertEquals("303", morador.path("apartment").asText());
        assertEquals("David Miller", morador.path("resident").asText());
        assertEquals("1303", morador.path("destination").asText());
        JsonNode intent = events.get(all.indexOf("INTENT_EXTRACTION_COMPLETE")).path("data");
        assertEquals("visit", intent.path("intent").asText());
        assertTrue(intent.path("duration_ms").asDouble() >= 0);
    }

    /** Each expected event occurs after the previous one. */
    static void assertInOrder(List<String> expected, List<String> actual) {
        int at = -1;
        for (String name : expected) {
            int next = actual.subList(at + 1, actual.size()).indexOf(name);
            assertTrue(next >= 0, () -> name + " missing after position " + " in " + actual);
            at += next + 1;
        }
    }

    @Test
    void silenceGetsNoAnswer() throws Exception {
        IntercomCallBehavior behavior = new IntercomCallBehavior(vosk, bot, setup());
        call.start(behavior);
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 1);
        call.speak(behavior, 1, new byte[16000]); // one second of digital silence
        List<JsonNode> events;
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(logDir.resolve(call.callId() + ".jsonl"))
                .contains("TRANSCRIPTION_COMPLETE"));
        events = events();
        List<String> all = names(events);
        JsonNode complete = events.get(all.indexOf("TRANSCRIPTION_COMPLETE")).path("data");
        assertEquals("", complete.path("text").asText());
        assertFalse(all.contains("AI_PROCESSING_START"), all.toString());
        assertEquals(1, call.played.size(), "only the greeting");
    }

    @Test
    void failedRecognitionIsLoggedAndAnsweredWithTheFallback() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/audio/transcriptions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":\"overloaded\"}".getBytes();
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (SpeechRecognizer http = new SpeechRecognizerFactory(k -> null).create(SttConfig.from(YAML.readTree(
                "engine: http\nhttp: {baseUrl: 'http://127.0.0.1:" + server.getAddress().getPort() + "'}\n")))) {
            IntercomCallBehavior behavior = new IntercomCallBehavior(http, bot, setup());
            call.start(behavior);
            await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 1);
            call.speak(behavior, 1, new byte[8000]);
            await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 2);
            assertEquals("fallback", call.played.get(1).label());
            assertFalse(call.hangupAfterPlayback || call.hungUp, "the call goes on");
            List<JsonNode> events = events();
            List<String> all = names(events);
            JsonNode error = events.get(all.indexOf("ERROR")).path("data");
            assertEquals("transcription", error.path("stage").asText());
            assertEquals("http_status", error.path("error_type").asText());
            JsonNode synth = events.get(all.lastIndexOf("SYNTHESIS_START")).path("data");
            assertEquals("Sorry, could you say that again?", synth.path("text").asText());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void apartmentKeyedInOnTheKeypad() throws Exception {
        IntercomCallBehavior behavior = new IntercomCallBehavior(vosk, bot, new DialogSetup(DialogConfig.DEFAULTS,
                new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(), NameSpotter.NONE),
                TestDirectory.validator(), TestDirectory.building()));
        call.start(behavior);
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 1);
        for (char c : "401#".toCharArray()) {
            call.onCallThread(cc -> behavior.onDtmf(cc, 1, c));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 2);
        List<String> all = names(events());
        assertTrue(all.contains("FUZZY_VALIDATION_COMPLETE"), all.toString());
        assertEquals(1, call.played.get(1).turn(), "the keypad entry's answer is logged in its own turn");
        assertFalse(all.contains("CALL_MORADOR"), "the visitor's name is still missing");
    }
}
