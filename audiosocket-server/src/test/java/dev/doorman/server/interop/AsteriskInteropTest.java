package dev.doorman.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.dialog.SampleDialogConfig;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.testing.Repository;
import dev.doorman.server.testing.RealAsterisk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.doorman.server.interop.InteropCalls.allison;
import static dev.doorman.server.interop.InteropCalls.assertComplete;
import static dev.doorman.server.interop.InteropCalls.awaitEnded;
import static dev.doorman.server.interop.InteropCalls.awaitIdle;
import static dev.doorman.server.interop.InteropCalls.callIdOf;
import static dev.doorman.server.interop.InteropCalls.callerContext;
import static dev.doorman.server.interop.InteropCalls.doormanSteps;
import static dev.doorman.server.interop.InteropCalls.greetingServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real calls through the shared Asterisk 23 running the project's own sample dialplan, with
 * Asterisk's default {@code transmit_silence=no}: a quiet caller sends no frames at all. Callers are
 * Local channels that play recordings, key DTMF and record what the bot said. One Asterisk for the
 * class; each test starts its own server on the port the dialplan points at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsteriskInteropTest {
    /** Allison: "Agent logged in." (1.7 s), the bot's greeting in these tests. */
    private static final String GREETING = "agent-loginok";

    @TempDir
    static Path dir;
    private int port;
    private RealAsterisk asterisk;
    private Path recordings;
    private DoormanServer server;

    @BeforeAll
    void startAsterisk() throws Exception {
        port = InteropCalls.freePort();
        asterisk = RealAsterisk.start(dir.resolve("asterisk"), new RealAsterisk.AsteriskConfig()
                .sampleDialplan("127.0.0.1:" + port)
                .transmitSilence(false));
        recordings = asterisk.recordings();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            awaitIdle(asterisk);
            server.close();
            server = null;
        }
    }

    @AfterAll
    void stopAsterisk() {
        if (asterisk != null) {
            asterisk.close();
        }
    }

    private Path logs(String test) {
        return dir.resolve("logs-" + test);
    }

    private Map<String, CallFile> byTag(Path logs, List<String> tags) {
        return tags.stream().collect(Collectors.toMap(Function.identity(),
                tag -> CallFile.read(logs, callIdOf(asterisk, tag))));
    }

    private WavFile heard(String tag) throws Exception {
        return WavFile.read(recordings.resolve(tag + ".wav"));
    }

    @Test
    void bothFormsAndWidebandGreetAndTheDialplanContinuesAfterTheServerHangsUp() throws Exception {
        Path logs = logs("forms");
        server = greetingServer(port, logs, allison(GREETING), true, c -> c);
        asterisk.addDialplan(callerContext("listen", recordings, "Wait(8)"));
        asterisk.originate("100", "doorman", "1100", "listen");
        asterisk.originate("101", "doorman", "1101", "listen");
        asterisk.originate("102", "doorman", "1102", "listen");

        awaitEnded(logs, 3, Duration.ofSeconds(20));
        awaitIdle(asterisk);
        Map<String, CallFile> calls = byTag(logs, List.of("1100", "1101", "1102"));
        calls.values().forEach(call -> assertComplete(call, "server_hangup"));
        for (String tag : List.of("1100", "1101", "1102")) {
            List<RealAsterisk.DialplanStep> steps = doormanSteps(asterisk, tag);
            RealAsterisk.DialplanStep last = steps.get(steps.size() - 1);
            assertEquals("Hangup", last.app(), "the dialplan went on after the bot hung up: " + steps);
            assertTrue(steps.stream().anyMatch(s -> s.app().equals("Set") && s.args().startsWith("CALL_ID=")),
                    "the visitor's channel carries CALL_ID");
        }
        // The bot hung up after the greeting: the recordings may lose their last moments (see
        // HeardAudio); the whole greeting is checked where callers hang up themselves.
        WavFile greeting = WavFile.read(allison(GREETING));
        HeardAudio.assertContainsExactly(heard("1100"), greeting, 200);
        HeardAudio.assertContainsExactly(heard("1101"), greeting, 200);
        // c(slin16): the quiet caller sent no frame, so the bot spoke 8 kHz and Asterisk converted it.
        HeardAudio.assertContainsAllOf(heard("1102"), greeting, 200);
    }

    @Test
    void digitsReachTheServerAsOneTurnAndTheCallerHangsUpInBothForms() throws Exception {
        Path logs = logs("dtmf");
        server = greetingServer(port, logs, allison(GREETING), false, c -> c);
        asterisk.addDialplan(callerContext("keys", recordings, "Wait(0.5)", "SendDTMF(41#)", "Wait(0.5)"));
        asterisk.originate("100", "doorman", "2100", "keys");
        asterisk.originate("101", "doorman", "2101", "keys");

        awaitEnded(logs, 2, Duration.ofSeconds(20));
        for (CallFile call : byTag(logs, List.of("2100", "2101")).values()) {
            assertComplete(call, "caller_hangup");
            List<JsonNode> digits = call.all("DTMF_RECEIVED");
            assertEquals(List.of("4", "1", "#"), digits.stream().map(d -> d.path("data").path("digit").asText()).toList());
            assertTrue(digits.stream().allMatch(d -> d.path("data").path("turn").asInt() == 1),
                    "one keypad entry, one turn: " + digits);
        }
    }

    @Test
    void aQuietCallerIsNeitherDroppedNorLeftTalking() throws Exception {
        // No frames while the caller is quiet: before speaking and for 4 s after. The idle timeout is
        // 1 s, so the old rule would have dropped every call four times over.
        Path logs = logs("quiet");
        server = greetingServer(port, logs, allison(GREETING), false,
                c -> c.withServer(c.server().withLimits(2000, 1, 600)));
        String speech = asterisk.sound("hello-world", WavFile.read(allison("hello-world")));
        asterisk.addDialplan(callerContext("quiet", recordings, "WaitForNoise(200,1,10)", "WaitForSilence(500,1,10)",
                "Playback(" + speech + ")", "Wait(4)"));
        asterisk.originate("100", "doorman", "3100", "quiet");
        asterisk.originate("101", "doorman", "3101", "quiet");
        asterisk.originate("102", "doorman", "3102", "quiet");

        awaitEnded(logs, 3, Duration.ofSeconds(25));
        Map<String, CallFile> calls = byTag(logs, List.of("3100", "3101", "3102"));
        for (Map.Entry<String, CallFile> e : calls.entrySet()) {
            CallFile call = e.getValue();
            assertComplete(call, "caller_hangup");
            assertFalse(call.types().contains("ERROR"), e.getKey() + ": " + call.types());
            JsonNode ended = call.first("SPEECH_ENDED").orElseThrow(() -> new AssertionError(e.getKey()
                    + ": the utterance never ended: " + call.types())).path("data");
            assertEquals("no_frames", ended.path("ended_by").asText(), e.getKey() + ": " + ended);
            assertEquals(1400, ended.path("duration_ms").asDouble(), 250, e.getKey() + ": hello-world lasts 1.4 s");
        }
        JsonNode format = calls.get("3102").first("AUDIO_FORMAT").orElseThrow().path("data");
        assertEquals("0x12", format.path("to_kind").asText(), "c(slin16): the caller's first frame is 16 kHz");
        assertEquals(16000, format.path("sample_rate").asInt());
        awaitIdle(asterisk);
        WavFile greeting = WavFile.read(allison(GREETING));
        HeardAudio.assertContainsExactly(heard("3100"), greeting);
        HeardAudio.assertContainsExactly(heard("3101"), greeting);
        HeardAudio.assertContainsAllOf(heard("3102"), greeting);
    }

    @Test
    void twentyConcurrentCallsEachLeaveACompleteCallFile() throws Exception {
        Path logs = logs("twenty");
        server = greetingServer(port, logs, allison(GREETING), false, c -> c);
        String speech = asterisk.sound("hello-world", WavFile.read(allison("hello-world")));
        // Each caller waits for the greeting to end (however late a loaded machine starts it), then talks.
        asterisk.addDialplan(callerContext("crowd", recordings, "WaitForNoise(200,1,10)", "WaitForSilence(500,1,10)",
                "Playback(" + speech + ")", "Wait(1)"));
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String tag = String.valueOf(4100 + i);
            tags.add(tag);
            asterisk.originate(i % 2 == 0 ? "100" : "101", "doorman", tag, "crowd");
        }

        List<CallFile> ended = awaitEnded(logs, 20, Duration.ofSeconds(40));
        assertEquals(20, ended.size());
        awaitIdle(asterisk);
        WavFile greeting = WavFile.read(allison(GREETING));
        for (Map.Entry<String, CallFile> e : byTag(logs, tags).entrySet()) {
            assertComplete(e.getValue(), "caller_hangup");
            assertTrue(e.getValue().types().contains("SPEECH_ENDED"), e.getKey() + ": " + e.getValue().types());
            HeardAudio.assertContainsExactly(heard(e.getKey()), greeting);
        }
        assertEquals(0, server.callMetrics().framesSkipped());
        assertTrue(Files.isDirectory(logs));
    }

    @Test
    void theIntercomDialogDecidesToCallTheResidentBySpeechAndByKeypad() throws Exception {
        Path logs = logs("dialog");
        ServerConfig config = SampleDialogConfig.onLoopback(Repository.root().resolve("samples/config.yaml"), logs);
        config = config.withServer(config.server().withPort(port));
        String visit = asterisk.sound("visit", WavFile.read(Repository.root().resolve(
                "samples/visitors/visit-david-miller-303.wav")));
        String name = asterisk.sound("name", InteropCalls.espeak("Hello, my name is Bruce Wayne."));
        // Each visitor takes turns like a person: waits for the bot to finish talking (WaitForNoise,
        // then WaitForSilence on what it hears), talks, and stays quiet (no frames) while the bot
        // answers; after the answer it hangs up, unless the bot already has.
        String botSpeaks = "WaitForNoise(200,1,30)";
        String botDone = "WaitForSilence(1200,1,30)";
        asterisk.addDialplan(callerContext("speaks", recordings, botSpeaks, botDone, "Playback(" + visit + ")",
                botSpeaks, botDone));
        asterisk.addDialplan(callerContext("keys-in", recordings, botSpeaks, botDone, "Playback(" + name + ")",
                botSpeaks, botDone, "SendDTMF(303#)", botSpeaks, botDone));
        try (IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
             SpeechSynthesizer bot = new SpeechSynthesizerFactory().create(TtsConfig.from(config.section("tts")))) {
            server = DoormanServer.builder(config).behaviors(dialog).build().start();
            asterisk.originate("100", "doorman", "5100", "speaks");
            asterisk.originate("101", "doorman", "5101", "keys-in");

            awaitEnded(logs, 2, Duration.ofSeconds(60));
            awaitIdle(asterisk);
            Map<String, CallFile> calls = byTag(logs, List.of("5100", "5101"));
            for (Map.Entry<String, CallFile> e : calls.entrySet()) {
                CallFile call = e.getValue();
                try {
                    assertComplete(call, null); // after the announcement the behavior decides who hangs up
                    JsonNode morador = call.first("CALL_MORADOR").orElseThrow(() -> new AssertionError(
                            "the doorman never called the resident: " + call.types())).path("data");
                    assertEquals("303", morador.path("apartment").asText());
                    assertEquals("David Miller", morador.path("resident").asText());
                    assertHeardEveryFinishedPrompt(call, heard(e.getKey()), bot);
                } catch (AssertionError failure) {
                    Path kept = Path.of("target", "interop-failures", e.getKey());
                    Files.createDirectories(kept);
                    Files.copy(recordings.resolve(e.getKey() + ".wav"), kept.resolve("heard.wav"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(call.path(), kept.resolve("call.jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    throw new AssertionError("caller " + e.getKey() + " (recording and call file kept in "
                            + kept.toAbsolutePath() + "): " + failure.getMessage(), failure);
                }
            }
            CallFile keyed = calls.get("5101");
            List<JsonNode> digits = keyed.all("DTMF_RECEIVED");
            assertEquals(4, digits.size(), keyed.types().toString());
            int keypadTurn = digits.get(0).path("data").path("turn").asInt();
            assertTrue(keypadTurn >= 2, "after the spoken name's turn: " + keypadTurn);
            assertTrue(digits.stream().allMatch(d -> d.path("data").path("turn").asInt() == keypadTurn));
            JsonNode answer = keyed.all("SYNTHESIS_START").stream()
                    .filter(s -> s.path("data").path("text").asText().contains("David Miller")).findFirst()
                    .orElseThrow().path("data");
            assertEquals(keypadTurn, answer.path("turn").asInt(), "the keypad turn's answer is logged in that turn");
        }
    }

    /**
     * Every prompt the bot played to the end is in the caller's recording, sample for sample (the
     * last one before a server hang-up may lose up to 100 ms at its very end: see HeardAudio).
     */
    private static void assertHeardEveryFinishedPrompt(CallFile call, WavFile heard, SpeechSynthesizer bot)
            throws Exception {
        List<JsonNode> synthesized = call.all("SYNTHESIS_START");
        List<JsonNode> finished = call.all("PLAYBACK_COMPLETE").stream()
                .filter(p -> !p.path("data").path("interrupted").asBoolean()).toList();
        boolean serverHungUp = "server_hangup".equals(call.last().path("data").path("reason").asText());
        int checked = 0;
        for (JsonNode played : finished) {
            int turn = played.path("data").path("turn").asInt();
            String text = synthesized.stream().filter(s -> s.path("data").path("turn").asInt() == turn)
                    .reduce((a, b) -> b).orElseThrow().path("data").path("text").asText();
            boolean last = played == finished.get(finished.size() - 1);
            WavFile prompt = new WavFile(8000, bot.synthesize(text, 8000).pcm());
            // The server's own lateness is in its call file: a prompt that took longer to play than
            // its audio lasts was paused by a starved event loop, and the caller heard those pauses.
            int serverLateMs = (int) Math.max(0, played.path("data").path("duration_ms").asDouble() - prompt.durationMs());
            try {
                HeardAudio.assertContainsExactly(heard, prompt, last && serverHungUp ? 100 : 0, serverLateMs);
            } catch (AssertionError failure) {
                throw new AssertionError("turn " + turn + " \"" + text + "\": " + failure.getMessage(), failure);
            }
            checked++;
        }
        assertTrue(checked >= 2, "the greeting and the answer: " + call.all("PLAYBACK_COMPLETE"));
    }
}
