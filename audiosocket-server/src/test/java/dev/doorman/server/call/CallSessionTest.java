package dev.doorman.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.events.Party;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Call session rules over real sockets against a real server (ephemeral port, temp log dir). */
class CallSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Path SPEECH = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison/agent-loginok.wav");

    @TempDir
    Path logs;
    private DoormanServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DoormanServer start(UnaryOperator<ServerConfig> tweak, CallBehaviorFactory behaviors) {
        ServerConfig config = ServerConfig.defaults()
                .withServer(ServerConfig.Server.defaults().withPort(0))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0))
                .withLogging(ServerConfig.Logging.defaults().withDir(logs.toString()));
        server = DoormanServer.builder(tweak.apply(config)).behaviors(behaviors).build().start();
        return server;
    }

    private DoormanServer start(CallBehaviorFactory behaviors) {
        return start(c -> c, behaviors);
    }

    private static CallBehaviorFactory silent() {
        return info -> call -> { };
    }

    /** A behavior that does {@code action} with the keypad turn when the caller keys #. */
    private static CallBehaviorFactory onHash(java.util.function.ObjIntConsumer<CallControl> action) {
        return info -> new CallBehavior() {
            @Override
            public void onCallStarted(CallControl call) {
            }

            @Override
            public void onDtmf(CallControl call, int turn, char digit) {
                if (digit == '#') {
                    action.accept(call, turn);
                }
            }
        };
    }

    /** 2000 bytes that are never zero: 6 full 8 kHz frames and 80 bytes. */
    private static byte[] pattern(int length) {
        byte[] pcm = new byte[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = (byte) (1 + i % 200);
        }
        return pcm;
    }

    private void awaitEnded(String callId) {
        await().atMost(WAIT).until(() -> CallLogs.ended(logs, callId));
    }

    @Test
    void playsAPromptInOrderOneFrameAtATimeWithPlaybackEvents() throws Exception {
        byte[] prompt = pattern(2000);
        start(info -> call -> call.play(new Prompt(prompt, Party.VISITOR, 0, "test")));
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            TestClient.Frame first = client.nextSound(WAIT);
            List<TestClient.Frame> frames = new ArrayList<>(List.of(first));
            for (int i = 0; i < 6; i++) {
                frames.add(client.next(WAIT));
            }
            ByteArrayOutputStream played = new ByteArrayOutputStream();
            for (TestClient.Frame f : frames) {
                assertEquals(0x10, f.kind());
                assertEquals(320, f.payload().length, "20 ms frames; the last one padded, never short");
                played.writeBytes(f.payload());
            }
            byte[] expected = Arrays.copyOf(prompt, 7 * 320); // padded with silence
            assertArrayEquals(expected, played.toByteArray());
            assertTrue(client.next(WAIT).isSilence(), "comfort silence after the prompt");

            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("PLAYBACK_COMPLETE"));
            List<String> types = CallLogs.types(logs, client.id());
            assertEquals("CALL_SETUP", types.get(0));
            assertTrue(types.indexOf("PLAYBACK_START") < types.indexOf("PLAYBACK_COMPLETE"));
            JsonNode complete = CallLogs.first(logs, client.id(), "PLAYBACK_COMPLETE");
            assertEquals("visitor", complete.get("target").asText());
            assertEquals(0, complete.get("turn").asInt());
            assertFalse(complete.get("interrupted").asBoolean());
            JsonNode setup = CallLogs.first(logs, client.id(), "CALL_SETUP");
            assertTrue(setup.get("remote").asText().startsWith("127.0.0.1:"));
            assertEquals("0x10", setup.get("audio_kind").asText());
        }
    }

    @Test
    void aPromptThatStartsWhileNothingPlaysGoesOutAtOnceNotAtTheNextTick() throws Exception {
        byte[] answer = pattern(640);
        start(info -> new CallBehavior() {
            @Override
            public void onCallStarted(CallControl call) {
            }

            @Override
            public void onDtmf(CallControl call, int turn, char digit) {
                call.play(new Prompt(answer, Party.VISITOR, 1, "answer"));
                call.logger().logStateChange("QUEUED", "PLAYED"); // marks the moment play() returned
            }
        });
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertTrue(client.next(WAIT).isSilence());
            client.send(0x03, new byte[] {'5'});
            TestClient.Frame first = client.nextSound(WAIT);
            assertArrayEquals(Arrays.copyOf(answer, 320), first.payload());
            assertArrayEquals(Arrays.copyOfRange(answer, 320, 640), client.next(WAIT).payload());
            assertTrue(client.next(WAIT).isSilence());
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("PLAYBACK_COMPLETE"));
            List<String> types = CallLogs.types(logs, client.id());
            assertTrue(types.indexOf("PLAYBACK_START") < types.indexOf("STATE_CHANGE"),
                    "the first frame went out inside play(), not on a later tick: " + types);
        }
    }

    @Test
    void sendsComfortSilenceFromTheStartOfTheCall() throws Exception {
        start(silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            TestClient.Frame f = client.next(WAIT);
            assertEquals(0x10, f.kind());
            assertEquals(320, f.payload().length);
            assertTrue(f.isSilence());
        }
    }

    @Test
    void followsTheAudioKindAsteriskSends() throws Exception {
        start(silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.send(0x12, new byte[640]);
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("AUDIO_FORMAT"));
            TestClient.Frame f;
            do {
                f = client.next(WAIT);
            } while (f.kind() == 0x10);
            assertEquals(0x12, f.kind());
            assertEquals(640, f.payload().length);
            assertEquals(16000, CallLogs.first(logs, client.id(), "AUDIO_FORMAT").get("sample_rate").asInt());
        }
    }

    @Test
    void theSocketClosingIsACallerHangup() throws Exception {
        start(silent());
        TestClient client = new TestClient(server.audioSocketPort());
        client.sendUuid();
        client.next(WAIT);
        client.close();
        awaitEnded(client.id());
        assertEquals("caller_hangup", CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText());
        await().atMost(WAIT).until(() -> server.activeCalls().isEmpty());
        assertEquals(1, server.callMetrics().endedCount("caller_hangup"));
    }

    @Test
    void aServerHangupSendsTheHangupFrameThenCloses() throws Exception {
        start(onHash((call, turn) -> call.hangup()));
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.send(0x03, new byte[] {'#'});
            TestClient.Frame hangup = client.nextNonAudio(WAIT);
            assertEquals(0x00, hangup.kind());
            assertEquals(0, hangup.payload().length);
            assertTrue(client.next(WAIT).isEof());
            awaitEnded(client.id());
            assertEquals("#", CallLogs.first(logs, client.id(), "DTMF_RECEIVED").get("digit").asText());
            assertEquals("server_hangup", CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText());
        }
    }

    @Test
    void hangupAfterPlaybackWaitsForThePromptAndItsWayToTheCaller() throws Exception {
        start(c -> c.withPlayback(new ServerConfig.Playback(false, true, 2)), info -> call -> {
            call.play(new Prompt(pattern(640), Party.VISITOR, 0, "bye"));
            call.hangupAfterPlayback();
        });
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertFalse(client.nextSound(WAIT).isSilence(), "the prompt's first frame");
            assertFalse(client.next(WAIT).isSilence(), "its second");
            int silent = 0;
            TestClient.Frame f;
            while ((f = client.next(WAIT)).kind() == 0x10) {
                assertTrue(f.isSilence());
                silent++;
            }
            assertEquals(0x00, f.kind());
            assertEquals(CallSession.HANGUP_GRACE_FRAMES, silent,
                    "300 ms of silence (even with comfort silence off) before the hangup frame");
            awaitEnded(client.id());
            List<String> types = CallLogs.types(logs, client.id());
            assertTrue(types.indexOf("PLAYBACK_COMPLETE") < types.indexOf("CALL_ENDED"));
            assertEquals("server_hangup", CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText());
        }
    }

    @Test
    void aQuietCallerWhoTakesOurAudioIsNotDroppedAsIdle() throws Exception {
        // transmit_silence=no: Asterisk sends nothing while the caller is quiet, and keeps the socket open.
        start(c -> c.withServer(c.server().withLimits(2000, 1, 600)), silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.next(WAIT);
            await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !CallLogs.ended(logs, client.id()));
            client.send(0x03, new byte[] {'5'});
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("DTMF_RECEIVED"));
            assertFalse(CallLogs.ended(logs, client.id()), "three idle periods later the call is still up");
        }
    }

    @Test
    void withNoAudioEitherWaySilenceIsATimeout() throws Exception {
        // Comfort silence off: nothing the server sends can show that the peer is still there.
        start(c -> c.withServer(c.server().withLimits(2000, 1, 600)).withPlayback(new ServerConfig.Playback(false, true, 2)),
                silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertEquals(0x00, client.nextNonAudio(WAIT).kind());
            assertTrue(client.next(WAIT).isEof());
            awaitEnded(client.id());
            assertEquals("timeout", CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText());
            JsonNode error = CallLogs.first(logs, client.id(), "ERROR");
            assertEquals("timeout", error.get("error_type").asText());
            assertEquals(1, error.get("details").get("idle_seconds").asInt());
        }
    }

    @Test
    void speechEndsOnTheClockWhenFramesStop() throws Exception {
        start(silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.sendAudio(new byte[4000], 320);
            client.sendAudio(WavFile.read(SPEECH).pcm(), 320); // then nothing: transmit_silence=no
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("SPEECH_ENDED"));
            JsonNode ended = CallLogs.first(logs, client.id(), "SPEECH_ENDED");
            assertEquals("no_frames", ended.get("ended_by").asText());
            assertEquals(1, ended.get("turn").asInt());
            assertEquals(600.0, ended.get("hangover_ms").asDouble(), 1e-9, "the hangover, fed as silence for the time without frames");
            assertFalse(CallLogs.ended(logs, client.id()));
        }
    }

    @Test
    void speechEndsByItsAudioWhenSilenceIsSent() throws Exception {
        start(silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.sendAudio(WavFile.read(SPEECH).pcm(), 320);
            client.sendAudio(new byte[16000], 320); // transmit_silence=yes: a second of zeros, sent at once
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("SPEECH_ENDED"));
            assertFalse(CallLogs.first(logs, client.id(), "SPEECH_ENDED").has("ended_by"),
                    "ended by the silence in the audio");
        }
    }

    @Test
    void aKeypadEntryIsOneTurnAndItsAnswerIsLoggedInThatTurn() throws Exception {
        start(onHash((call, turn) -> call.play(new Prompt(pattern(640), Party.VISITOR, turn, "answer"))));
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.sendAudio(new byte[4000], 320);
            client.sendAudio(WavFile.read(SPEECH).pcm(), 320);
            client.sendAudio(new byte[16000], 320);
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("SPEECH_ENDED"));
            for (char digit : "41#".toCharArray()) {
                client.send(0x03, new byte[] {(byte) digit});
            }
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("PLAYBACK_START"));
            client.send(0x03, new byte[] {'1'});
            await().atMost(WAIT).until(() -> CallLogs.events(logs, client.id()).stream()
                    .filter(e -> e.get("event").asText().equals("DTMF_RECEIVED")).count() == 4);
            List<Integer> dtmfTurns = CallLogs.events(logs, client.id()).stream()
                    .filter(e -> e.get("event").asText().equals("DTMF_RECEIVED"))
                    .map(e -> e.get("data").get("turn").asInt()).toList();
            assertEquals(List.of(2, 2, 2, 3), dtmfTurns, "speech was turn 1; the entry 41# is turn 2; "
                    + "a digit after the answer starts turn 3");
            assertEquals(2, CallLogs.first(logs, client.id(), "PLAYBACK_START").get("turn").asInt());
        }
    }

    @Test
    void callsEndAtTheMaximumDuration() throws Exception {
        start(c -> c.withServer(c.server().withLimits(2000, 30, 1)), silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertEquals(0x00, client.nextNonAudio(WAIT).kind());
            awaitEnded(client.id());
            assertEquals("max_duration", CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText());
        }
    }

    @Test
    void aUuidBeyondMaxCallsIsRefusedWithAHangupFrame() throws Exception {
        start(c -> c.withServer(c.server().withLimits(1, 30, 600)), silent());
        try (TestClient first = new TestClient(server.audioSocketPort())) {
            first.sendUuid();
            first.next(WAIT);
            try (TestClient second = new TestClient(server.audioSocketPort())) {
                second.sendUuid();
                assertEquals(0x00, second.next(WAIT).kind(), "a hangup frame, so the dialplan can route elsewhere");
                assertTrue(second.next(WAIT).isEof());
                assertEquals(List.of(), CallLogs.types(logs, second.id()), "no call file");
            }
            assertEquals(1, server.callMetrics().refusedCount("max_calls"));
            first.send(0x03, new byte[] {'1'});
            await().atMost(WAIT).until(() -> CallLogs.types(logs, first.id()).contains("DTMF_RECEIVED"));
            assertFalse(first.next(WAIT).isEof(), "the admitted call goes on");
        }
    }

    @Test
    void sourcesOutsideTheAllowListAreRefused() throws Exception {
        start(c -> c.withServer(c.server().withAllow(List.of("10.0.0.0/8"))), silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertTrue(client.next(WAIT).isEof());
        }
        assertEquals(1, server.callMetrics().refusedCount("not_allowed"));
        try (var files = Files.list(logs)) {
            assertEquals(0, files.count(), "no call was set up");
        }
    }

    @Test
    void aProtocolErrorEndsOnlyThatCall() throws Exception {
        start(silent());
        try (TestClient bad = new TestClient(server.audioSocketPort());
             TestClient good = new TestClient(server.audioSocketPort())) {
            good.sendUuid();
            bad.sendUuid();
            bad.send(0x10, new byte[3]); // odd-length audio
            assertTrue(bad.nextNonAudio(WAIT).isEof());
            awaitEnded(bad.id());
            JsonNode error = CallLogs.first(logs, bad.id(), "ERROR");
            assertEquals("protocol", error.get("error_type").asText());
            assertEquals("bad_length", error.get("details").get("violation").asText());
            assertEquals("protocol_error", CallLogs.first(logs, bad.id(), "CALL_ENDED").get("reason").asText());
            assertEquals(1, server.callMetrics().protocolErrorCount("bad_length"));

            good.send(0x03, new byte[] {'7'});
            await().atMost(WAIT).until(() -> CallLogs.types(logs, good.id()).contains("DTMF_RECEIVED"));
            assertFalse(CallLogs.ended(logs, good.id()));
        }
    }

    @Test
    void aProtocolErrorBeforeTheUuidClosesTheConnectionWithoutACallLog() throws Exception {
        start(silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.send(0x10, new byte[320]);
            assertTrue(client.next(WAIT).isEof());
        }
        assertEquals(1, server.callMetrics().protocolErrorCount("uuid_expected"));
        try (var files = Files.list(logs)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void callerSpeechInterruptsThePromptWhenBargeInIsOn() throws Exception {
        byte[] longPrompt = pattern(8000 * 2 * 10); // 10 s
        start(info -> call -> call.play(new Prompt(longPrompt, Party.VISITOR, 0, "long")));
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertFalse(client.nextSound(WAIT).isEof(), "the prompt is playing");
            client.sendAudio(new byte[8000], 320); // 0.5 s of silence, then speech
            client.sendAudio(WavFile.read(SPEECH).pcm(), 320);
            client.sendAudio(new byte[16000], 320);
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("PLAYBACK_COMPLETE"));
            List<String> types = CallLogs.types(logs, client.id());
            int detected = types.indexOf("SPEECH_DETECTED");
            int bargeIn = types.indexOf("BARGE_IN");
            int complete = types.indexOf("PLAYBACK_COMPLETE");
            assertTrue(detected >= 0 && detected < bargeIn && bargeIn < complete, types.toString());
            assertEquals(1, CallLogs.first(logs, client.id(), "BARGE_IN").get("turn").asInt());
            assertTrue(CallLogs.first(logs, client.id(), "PLAYBACK_COMPLETE").get("interrupted").asBoolean());
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("SPEECH_ENDED"));
            assertTrue(CallLogs.first(logs, client.id(), "SPEECH_ENDED").get("hangover_ms").asDouble() > 0);
        }
    }

    @Test
    void callerSpeechDoesNotInterruptWhenBargeInIsOff() throws Exception {
        byte[] prompt = pattern(8000 * 2); // 1 s
        start(c -> c.withPlayback(new ServerConfig.Playback(true, false, 2)),
                info -> call -> call.play(new Prompt(prompt, Party.VISITOR, 0, "short")));
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            assertFalse(client.nextSound(WAIT).isEof());
            client.sendAudio(new byte[4000], 320);
            client.sendAudio(WavFile.read(SPEECH).pcm(), 320);
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("PLAYBACK_COMPLETE"));
            assertTrue(CallLogs.types(logs, client.id()).contains("SPEECH_DETECTED"));
            assertFalse(CallLogs.types(logs, client.id()).contains("BARGE_IN"));
            assertFalse(CallLogs.first(logs, client.id(), "PLAYBACK_COMPLETE").get("interrupted").asBoolean());
        }
    }

    @Test
    void aFullWorkerPoolRejectsWorkWithALoggedError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> outcomes = new ArrayList<>();
        start(c -> c.withServer(c.server().withThreads(1, 1, 1)), info -> call -> {
            for (int i = 0; i < 3; i++) {
                try {
                    call.workers().execute(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    outcomes.add("accepted");
                } catch (RejectedExecutionException e) {
                    outcomes.add("rejected");
                }
            }
        });
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("ERROR"));
            assertEquals("overload", CallLogs.first(logs, client.id(), "ERROR").get("error_type").asText());
            assertTrue(outcomes.contains("rejected"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void shutdownHangsUpActiveCallsAndDrainsTheirLogs() throws Exception {
        start(silent());
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            client.sendUuid();
            client.next(WAIT);
            server.close();
            assertEquals(0x00, client.nextNonAudio(WAIT).kind());
            assertTrue(CallLogs.ended(logs, client.id()), "close() drained the log before returning");
            assertEquals("shutdown", CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText());
        }
    }
}
