package dev.doorman.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.simulator.CallOutcome;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server in this JVM, called by the simulator exactly as Asterisk would call it, and the call
 * files it leaves behind.
 */
class EndToEndTest {
    @TempDir
    Path logs;

    private final CallSimulator simulator = new CallSimulator(1);

    @AfterEach
    void closeSimulator() {
        simulator.close();
    }

    private static CallResult finished(CompletableFuture<CallResult> call) throws Exception {
        return call.get(60, TimeUnit.SECONDS);
    }

    private CallFile endedCallFile(String callId) {
        Path file = logs.resolve(callId + ".jsonl");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && CallFile.read(file).ended());
        return CallFile.read(file);
    }

    private static void assertComplete(CallFile call, String reason) {
        assertEquals("CALL_SETUP", call.events().get(0).path("event").asText(), call.types().toString());
        assertEquals("CALL_ENDED", call.last().path("event").asText());
        assertEquals(reason, call.last().path("data").path("reason").asText(), call.last().toString());
        assertEquals(-1, call.firstSeqGap(), "seq must run 0, 1, 2, ... without gaps: " + call.types());
    }

    @Test
    void callerHearsTheGreeting() throws Exception {
        Path greeting = SpeechFiles.allison("auth-thankyou");
        WavFile prompt = WavFile.read(greeting);
        try (InProcessServer server = new InProcessServer(logs, greeting, s -> s)) {
            // The caller stays quiet while the greeting plays (no barge-in), then hangs up.
            CallResult call = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(),
                    SpeechFiles.silence((int) prompt.durationMs() + 1000)).silenceAfter(Duration.ZERO).build()));

            assertEquals(CallOutcome.CALLER_HANGUP, call.outcome());
            long expected = SpeechFiles.loudSamples(prompt.pcm());
            long heard = SpeechFiles.loudSamples(call.recordedPcm());
            assertTrue(expected > 1000, "the prompt itself has sound");
            assertTrue(Math.abs(heard - expected) <= expected / 50,
                    "heard " + heard + " loud samples, the greeting has " + expected);
            assertTrue(call.recordedPcm().length >= prompt.pcm().length, "the greeting plus comfort silence");
        }
    }

    @Test
    void callFileRunsFromSetupToEndedWithPlaybackAndSpeech() throws Exception {
        Path greeting = SpeechFiles.allison("auth-thankyou");
        WavFile visitor = SpeechFiles.padded(SpeechFiles.allison("hello-world"), 1500, 1500);
        String callId = UUID.randomUUID().toString();
        try (InProcessServer server = new InProcessServer(logs, greeting, s -> s)) {
            CallResult call = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(), visitor)
                    .callId(callId).silenceAfter(Duration.ofMillis(200)).build()));
            assertEquals(CallOutcome.CALLER_HANGUP, call.outcome());

            CallFile file = endedCallFile(callId);
            assertComplete(file, "caller_hangup");
            List<String> types = file.types();
            for (String expected : List.of("GREETING", "PLAYBACK_START", "PLAYBACK_COMPLETE", "SPEECH_DETECTED", "SPEECH_ENDED")) {
                assertTrue(types.contains(expected), expected + " missing from " + types);
            }
            assertTrue(types.indexOf("PLAYBACK_START") < types.indexOf("PLAYBACK_COMPLETE"));
            assertTrue(types.indexOf("SPEECH_DETECTED") < types.indexOf("SPEECH_ENDED"));
            JsonNode ended = file.first("SPEECH_ENDED").orElseThrow().path("data");
            assertEquals("visitor", ended.path("source").asText());
            assertTrue(ended.path("duration_ms").asDouble() > 800, "hello-world lasts 1.4 s: " + ended);
            assertTrue(file.events().stream().allMatch(e -> callId.equals(e.path("call_id").asText())));
        }
    }

    @Test
    void dtmfDigitsAreLoggedInOrder() throws Exception {
        String callId = UUID.randomUUID().toString();
        try (InProcessServer server = new InProcessServer(logs, SpeechFiles.allison("auth-thankyou"), s -> s)) {
            CallResult call = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(),
                            SpeechFiles.silence(400)).callId(callId).dtmf("12#", Duration.ofMillis(100))
                    .dtmfInterval(Duration.ofMillis(60)).silenceAfter(Duration.ofMillis(200)).build()));
            assertEquals("12#", call.dtmfSent());

            CallFile file = endedCallFile(callId);
            assertComplete(file, "caller_hangup");
            List<JsonNode> dtmf = file.all("DTMF_RECEIVED");
            assertEquals(List.of("1", "2", "#"), dtmf.stream().map(e -> e.path("data").path("digit").asText()).toList());
            assertTrue(dtmf.stream().allMatch(e -> "visitor".equals(e.path("data").path("source").asText())));
        }
    }

    @Test
    void aSilentCallerIsNotHungUpWhileItTakesTheBotsAudio() throws Exception {
        String callId = UUID.randomUUID().toString();
        try (InProcessServer server = new InProcessServer(logs, SpeechFiles.allison("auth-thankyou"),
                s -> s.withLimits(s.maxCalls(), 1, s.maxCallSeconds()))) {
            // UUID, then no frame at all (Asterisk's transmit_silence=no with a quiet caller) for
            // three idle periods; the caller reads the bot's audio all along, then hangs up.
            CallResult call = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(),
                    SpeechFiles.silence(20)).callId(callId).mute(true).maxDuration(Duration.ofSeconds(3)).build()));

            assertEquals(CallOutcome.TIMED_OUT, call.outcome(), "still connected when the caller gave up");
            assertEquals(0, call.framesSent());
            assertTrue(call.framesReceived() > 100, "the greeting and comfort silence: " + call.framesReceived());
            CallFile file = endedCallFile(callId);
            assertComplete(file, "caller_hangup");
            assertEquals(0, server.server.callMetrics().endedCount("timeout"));
        }
    }

    @Test
    void callBeyondMaxCallsIsRefusedAtOnce() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (InProcessServer server = new InProcessServer(logs, SpeechFiles.allison("auth-thankyou"),
                s -> s.withLimits(1, s.idleTimeoutSeconds(), s.maxCallSeconds()))) {
            CompletableFuture<CallResult> talking = simulator.call(SimulationOptions.builder("127.0.0.1", server.port(),
                    SpeechFiles.silence(2000)).callId(first).silenceAfter(Duration.ZERO).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server.activeCalls().size() == 1);

            CallResult refused = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(),
                    SpeechFiles.silence(2000)).callId(second).build()));

            assertTrue(refused.refused(), refused.outcome() + " " + refused.detail());
            assertEquals(0, refused.framesReceived());
            assertEquals(1, server.server.callMetrics().refusedCount("max_calls"));
            CallResult ok = finished(talking);
            assertEquals(CallOutcome.CALLER_HANGUP, ok.outcome(), "the call in progress is untouched");
            assertComplete(endedCallFile(first), "caller_hangup");
            assertFalse(Files.exists(logs.resolve(second + ".jsonl")), "a refused call leaves no call file");
        }
    }

    @Test
    void callerOutsideTheAllowListIsRefused() throws Exception {
        String callId = UUID.randomUUID().toString();
        try (InProcessServer server = new InProcessServer(logs, SpeechFiles.allison("auth-thankyou"),
                s -> s.withAllow(List.of("10.0.0.0/8")))) {
            CallResult call = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(),
                    SpeechFiles.silence(1000)).callId(callId).build()));

            assertTrue(call.refused(), call.outcome() + " " + call.detail());
            assertEquals(1, server.server.callMetrics().refusedCount("not_allowed"));
            assertTrue(server.server.activeCalls().isEmpty());
            assertFalse(Files.exists(logs.resolve(callId + ".jsonl")), "a refused call leaves no call file");
        }
    }
}
