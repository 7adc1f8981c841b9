package dev.doorman.server.dialog;

import dev.doorman.server.testing.RecordingCallControl;
import dev.doorman.server.testing.Requirement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.conversation.SpeechPipeline;
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
import dev.doorman.server.access.AccessConfig;
import dev.doorman.server.resident.ResidentConfig;
import dev.doorman.server.resident.ResidentService;
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
    private SpeechPipeline speech;

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
        speech = SpeechPipeline.create(vosk, bot, 2);
    }

    @AfterEach
    void close() throws Exception {
        call.close();
        speech.close();
        loggers.close();
    }

    private static DialogSetup setup() {
        return new DialogSetup(DialogConfig.DEFAULTS,
                new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(),
                        new DirectoryNameSpotter(TestDirectory.building(), new NameSimilarity(), 0.85)),
                TestDirectory.validator(), TestDirectory.building());
    }

    /** The resident leg as a server without an Asterisk manager has it: every call attempt is unavailable. */
    private ResidentService noResidentLeg() {
        return ResidentService.create(ResidentConfig.defaults(), AccessConfig.defaults(),
                new ResidentService.Engines(speech, setup().extractor()), '1', '2');
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
        IntercomCallBehavior behavior = new IntercomCallBehavior(speech, setup(), noResidentLeg(), null);
        call.start(behavior);
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 1);
        assertEquals("greeting", call.played.get(0).label());
        assertEquals(0, call.played.get(0).turn());

        byte[] visitor = visitorVoice.synthesize(
                "Hello, my name is Peter Parker. I am here to visit David Miller in apartment three oh three.", 8000).pcm();
        call.speak(behavior, 1, visitor);
        await().atMost(Duration.ofSeconds(60)).until(() -> call.hangupAfterPlayback);
        assertEquals(List.of("greeting", "answer", "decision"), call.played.stream().map(Prompt::label).toList());
        Prompt answer = call.played.get(1);
        assertEquals(1, answer.turn());
        call.sync();
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
        int calling = -1;
        for (int i = 0; i < events.size(); i++) {
            if ("CALLING_RESIDENT".equals(events.get(i).path("data").path("to").asText())) {
                calling = i;
            }
        }
        assertTrue(calling >= 0 && calling < aiDone, "the dialog decided within the turn: " + all);
        assertTrue(all.indexOf("CALL_MORADOR") > aiDone, "the call is placed once the answer is decided: " + all);
        JsonNode morador = events.get(all.indexOf("CALL_MORADOR")).path("data");
        assertEquals("303", morador.path("apartment").asText());
        assertEquals("David Miller", morador.path("resident").asText());
        assertEquals("Local/1303@residents", morador.path("destination").asText());
        assertEquals(1, morador.path("attempt").asInt());
        assertInOrder(List.of("CALL_MORADOR", "RESIDENT_NO_ANSWER", "ERROR", "AUTHORIZATION"), all);
        assertEquals("unavailable", events.get(all.indexOf("RESIDENT_NO_ANSWER")).path("data").path("reason").asText());
        assertEquals("Sorry, I cannot call David Miller right now. Please try again later. Goodbye.",
                events.get(all.lastIndexOf("SYNTHESIS_START")).path("data").path("text").asText(),
                "without an Asterisk manager the visitor hears an apology");
        JsonNode authorization = events.get(all.indexOf("AUTHORIZATION")).path("data");
        assertEquals("no_answer", authorization.path("decision").asText());
        assertEquals("David Miller", authorization.path("resident").asText());
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
        IntercomCallBehavior behavior = new IntercomCallBehavior(speech, setup(), noResidentLeg(), null);
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
                "engine: http\nhttp: {baseUrl: 'http://127.0.0.1:" + server.getAddress().getPort() + "'}\n")));
             SpeechPipeline remote = SpeechPipeline.create(http, bot, 2)) {
            IntercomCallBehavior behavior = new IntercomCallBehavior(remote, setup(), noResidentLeg(), null);
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
        IntercomCallBehavior behavior = new IntercomCallBehavior(speech, new DialogSetup(DialogConfig.DEFAULTS,
                new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(), NameSpotter.NONE),
                TestDirectory.validator(), TestDirectory.building()), noResidentLeg(), null);
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

    @Test
    void silenceAfterAQuestionIsAskedAboutAgain() throws Exception {
        DialogConfig quick = new DialogConfig(true, 3, null, null, null, 1, null);
        IntercomCallBehavior behavior = new IntercomCallBehavior(speech, new DialogSetup(quick,
                setup().extractor(), TestDirectory.validator(), TestDirectory.building()), noResidentLeg(), null);
        call.start(behavior);
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 1);
        // The greeting was heard in full and nothing follows: the visitor is asked again (the clock, not frames).
        call.onCallThread(c -> behavior.onPlaybackFinished(c, new dev.doorman.server.call.PlaybackResult(
                call.played.get(0), 4000, false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> call.played.size() == 2);
        assertEquals("no_input", call.played.get(1).label());
        List<JsonNode> events = events();
        JsonNode asked = events.get(names(events).lastIndexOf("SYNTHESIS_START")).path("data");
        assertEquals(DialogPrompts.ENGLISH.notUnderstood(), asked.path("text").asText());
    }
}
