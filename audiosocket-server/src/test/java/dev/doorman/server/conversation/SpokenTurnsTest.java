package dev.doorman.server.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.events.Party;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.FreeTtsSynthesizer;
import dev.doorman.server.pipeline.vad.Utterance;
import dev.doorman.server.testing.RecordingCallControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spoken-turn pipeline with the real engines (Vosk hears FreeTTS speak, FreeTTS answers) and
 * gates that hold the engines' work, so the test can interrupt it while it runs.
 */
class SpokenTurnsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SpeechRecognizer vosk;
    private static FreeTtsSynthesizer kevin;
    private static byte[] words;

    @TempDir
    Path logDir;
    private CallLoggerManager loggers;
    private RecordingCallControl call;
    private GatedEngines.Synthesizer tts;
    private GatedEngines.Recognizer stt;
    private SpeechPipeline speech;
    private SimpleMeterRegistry registry;
    private Leg leg;

    @BeforeAll
    static void engines() {
        vosk = new SpeechRecognizerFactory(k -> null).create(SttConfig.defaults());
        kevin = new FreeTtsSynthesizer("kevin");
        words = kevin.synthesize("Apartment three zero two.", 8000).pcm();
    }

    @AfterAll
    static void closeEngines() {
        vosk.close();
        kevin.close();
    }

    @BeforeEach
    void start() {
        loggers = new CallLoggerManager(CallLoggerConfig.builder().logDir(logDir).build());
        call = new RecordingCallControl(loggers::getLogger);
        tts = new GatedEngines.Synthesizer(kevin);
        stt = new GatedEngines.Recognizer(vosk);
        stt.gate.open();
        speech = new SpeechPipeline(stt, new CachingSynthesizer(tts, "test", 0, null), new StageScheduler(2),
                new dev.doorman.server.admission.EngineLoad(), new PipelineMetrics());
        registry = new SimpleMeterRegistry();
        speech.metrics().bindTo(registry);
        leg = new Leg().start();
    }

    @AfterEach
    void stop() throws Exception {
        tts.gate.open();
        stt.gate.open();
        call.close();
        speech.close();
        loggers.close();
    }

    /** A party whose every sentence is answered with two sentences naming the turn. */
    private final class Leg implements SpokenTurns.Responder {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final List<Integer> nothingHeard = new CopyOnWriteArrayList<>();
        SpokenTurns turns;

        /** Opens the leg's turns on the call thread, as a behavior does when its call starts. */
        Leg start() {
            call.onCallThread(c -> {
                turns = speech.open(Party.VISITOR, c);
                turns.respondWith(this);
            });
            return this;
        }

        @Override
        public SpokenTurns.Reply onTranscript(int turn, Transcript transcript) {
            heard.add(transcript.text());
            return new SpokenTurns.Reply(answer(turn), false);
        }

        @Override
        public SpokenTurns.Reply onStageFailure(int turn) {
            return new SpokenTurns.Reply("Sorry?", false);
        }

        @Override
        public String fallbackText() {
            return "Sorry?";
        }

        @Override
        public void onNothingHeard(int turn) {
            nothingHeard.add(turn);
        }
    }

    private static String answer(int turn) {
        return "This is the answer to turn " + turn + ". It has a second sentence.";
    }

    private void speechStarts(int turn) {
        call.onCallThread(c -> leg.turns.onSpeechStarted(turn));
    }

    /** The utterance's audio in 20 ms chunks, then its end. */
    private void speechGoesOnAndEnds(int turn, byte[] pcm) {
        for (int off = 0; off < pcm.length; off += 320) {
            int o = off;
            call.onCallThread(c -> leg.turns.onSpeechAudio(turn, pcm, o, Math.min(320, pcm.length - o)));
        }
        call.onCallThread(c -> leg.turns.onSpeechEnded(turn, new Utterance(pcm, 8000, 0, pcm.length / 2,
                pcm.length / 16.0, 600)));
    }

    private void says(int turn, byte[] pcm) {
        speechStarts(turn);
        speechGoesOnAndEnds(turn, pcm);
    }

    private List<JsonNode> events() throws Exception {
        call.sync();
        call.logger().logCallEnded("test");
        loggers.close();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(logDir.resolve(call.callId() + ".jsonl"))) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    private static List<JsonNode> of(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("event").asText().equals(type)).map(e -> e.path("data")).toList();
    }

    private void awaitIdle() {
        await().atMost(WAIT).until(() -> speech.scheduler().busy() == 0 && speech.scheduler().waiting() == 0);
    }

    @Test
    void aNewUtteranceStopsTheOlderReplyWhichIsDroppedOnceItsWordsAreHeard() throws Exception {
        says(1, words);
        await().atMost(WAIT).until(() -> tts.gate.waiting() == 1); // turn 1's answer is being synthesized
        speechStarts(2);
        await().atMost(WAIT).until(() -> tts.gate.interrupted.get() == 1);
        speechGoesOnAndEnds(2, words);
        tts.gate.open();
        await().atMost(WAIT).until(() -> call.played.size() == 1 && call.played.get(0).audio().complete());
        awaitIdle();

        assertEquals(2, call.played.get(0).turn(), "only the newer turn is answered");
        assertEquals(2, leg.heard.size(), "both utterances reached the dialog");
        assertTrue(leg.heard.stream().allMatch(t -> t.contains("three zero two")), leg.heard.toString());
        List<JsonNode> events = events();
        List<JsonNode> dropped = of(events, "RESPONSE_DROPPED");
        assertEquals(1, dropped.size());
        assertEquals(1, dropped.get(0).path("turn").asInt());
        assertEquals("newer_turn", dropped.get(0).path("reason").asText());
        assertEquals(2, dropped.get(0).path("newer_turn").asInt());
        assertEquals(1, speech.metrics().cancelledCount(SynthesisStage.NAME, "newer_turn"));
        assertEquals(1, speech.metrics().droppedCount(SynthesisStage.NAME, "newer_turn"));
        assertEquals(List.of(2), of(events, "SYNTHESIS_COMPLETE").stream().map(e -> e.path("turn").asInt()).toList());
    }

    @Test
    void aNoiseThatInterruptedAReplyLetsItBeSaidAfterAll() throws Exception {
        says(1, words);
        await().atMost(WAIT).until(() -> tts.gate.waiting() == 1);
        says(2, new byte[16_000]); // a second of silence: no words
        await().atMost(WAIT).until(() -> leg.nothingHeard.contains(2));
        tts.gate.open();
        await().atMost(WAIT).until(() -> call.played.size() == 1 && call.played.get(0).audio().complete());
        awaitIdle();

        assertEquals(1, call.played.get(0).turn());
        assertArrayEquals(kevin.synthesize(answer(1), 8000).pcm(), call.played.get(0).pcm());
        List<JsonNode> events = events();
        assertTrue(of(events, "RESPONSE_DROPPED").isEmpty());
        assertEquals(0, speech.metrics().droppedCount(SynthesisStage.NAME, "newer_turn"));
    }

    @Test
    void theAnswerStartsPlayingWithItsFirstSentenceAndItsLatencyIsMeasuredAtTheFirstFrame() throws Exception {
        says(1, words);
        await().atMost(WAIT).until(() -> tts.gate.waiting() == 1);
        tts.gate.release(1);
        await().atMost(WAIT).until(() -> call.played.size() == 1 && tts.gate.waiting() == 1);
        Prompt answer = call.played.get(0);
        assertFalse(answer.audio().complete(), "the second sentence is still being made");
        assertArrayEquals(kevin.synthesize("This is the answer to turn 1.", 8000).pcm(), answer.pcm());

        answer.started().run(); // what the session does when the first frame goes out
        assertEquals(1, registry.get("doorman.turn.latency").tag("party", "visitor").timer().count());

        tts.gate.release(1);
        await().atMost(WAIT).until(() -> answer.audio().complete());
        assertArrayEquals(kevin.synthesize(answer(1), 8000).pcm(), answer.pcm());
        JsonNode complete = of(events(), "SYNTHESIS_COMPLETE").get(0);
        assertTrue(complete.path("first_audio_ms").asDouble() <= complete.path("duration_ms").asDouble(), complete.toString());
    }

    @Test
    void aHangUpStopsTheSynthesisInProgressAndNothingIsPlayed() throws Exception {
        says(1, words);
        await().atMost(WAIT).until(() -> tts.gate.waiting() == 1);
        call.onCallThread(c -> leg.turns.onCallEnded());
        await().atMost(WAIT).until(() -> tts.gate.interrupted.get() == 1);
        tts.gate.open();
        awaitIdle();
        assertTrue(call.played.isEmpty());
        assertEquals(1, speech.metrics().cancelledCount(SynthesisStage.NAME, "hangup"));
        assertTrue(of(events(), "SYNTHESIS_COMPLETE").isEmpty());
    }

    @Test
    void audioArrivingWhileTheRecognizerIsBusyIsMergedAndAHangUpDropsWhatWaits() throws Exception {
        stt = new GatedEngines.Recognizer(vosk);
        speech = new SpeechPipeline(stt, speech.synthesizer(), speech.scheduler(), speech.load(), speech.metrics());
        leg = new Leg().start();
        says(1, words);
        await().atMost(WAIT).until(() -> stt.gate.waiting() == 1); // the first chunk is being decoded
        call.sync();
        int chunks = (words.length + 319) / 320;
        assertTrue(speech.metrics().mergedCount(RecognitionStage.NAME) >= chunks - 2,
                "the chunks after the first or second joined one batch waiting behind the slice being decoded: "
                        + speech.metrics().mergedCount(RecognitionStage.NAME) + " of " + chunks);
        assertTrue(speech.load().backlogSeconds() > 1.0, "the waiting audio is the engines' backlog");

        call.onCallThread(c -> leg.turns.onCallEnded());
        call.sync();
        stt.gate.open();
        await().atMost(WAIT).until(() -> stt.closed.get() == 1);
        awaitIdle();
        assertEquals(1, stt.accepted.get(), "nothing more was decoded after the hang-up");
        assertEquals(1, speech.metrics().droppedCount(RecognitionStage.NAME, "hangup"), "the utterance's end");
        assertEquals(0.0, speech.load().backlogSeconds(), 1e-9);
        assertTrue(of(events(), "TRANSCRIPTION_START").isEmpty());
    }

    @Test
    void aBusyRecognizerDecodesTheMergedAudioInSlicesAndHearsItAll() throws Exception {
        stt = new GatedEngines.Recognizer(vosk);
        speech = new SpeechPipeline(stt, speech.synthesizer(), speech.scheduler(), speech.load(), speech.metrics());
        leg = new Leg().start();
        tts.gate.open();
        says(1, words);
        await().atMost(WAIT).until(() -> stt.gate.waiting() == 1);
        call.sync();
        stt.gate.open();
        await().atMost(WAIT).until(() -> call.played.size() == 1);
        int sliceBytes = 8000 * 2 * RecognitionStage.SLICE_MS / 1000;
        int slices = (words.length + sliceBytes - 1) / sliceBytes;
        assertTrue(stt.accepted.get() >= slices && stt.accepted.get() <= slices + 1,
                "one decode per slice of " + RecognitionStage.SLICE_MS + " ms, not per 20 ms chunk: " + stt.accepted.get());
        assertEquals(1, leg.heard.size());
        assertTrue(leg.heard.get(0).contains("three zero two"), leg.heard.toString());
    }

    @Test
    void theDialogsInboxIsBoundedAndWhatItDropsIsCountedAndLogged() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        call.sync();
        leg.turns.run(() -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(running.await(30, TimeUnit.SECONDS));
        for (int i = 0; i < UnderstandingStage.CAPACITY + 5; i++) {
            leg.turns.run(() -> { });
        }
        release.countDown();
        awaitIdle();
        assertEquals(5, speech.metrics().droppedCount(UnderstandingStage.NAME, "inbox_full"));
        assertEquals(5, of(events(), "ERROR").stream().filter(e -> e.path("error_type").asText().equals("overloaded")).count());
    }
}
