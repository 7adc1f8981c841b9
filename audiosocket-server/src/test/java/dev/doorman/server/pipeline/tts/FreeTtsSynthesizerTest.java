package dev.doorman.server.pipeline.tts;

import static dev.doorman.server.pipeline.PcmAssertions.rms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.stt.VoskSpeechRecognizer;
import dev.doorman.server.pipeline.stt.bench.WordErrorRate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real FreeTTS engine; its speech is checked by ear, i.e. by the real Vosk engine. */
class FreeTtsSynthesizerTest {
    private static FreeTtsSynthesizer kevin;
    private static VoskSpeechRecognizer vosk;

    @BeforeAll
    static void load() {
        kevin = new FreeTtsSynthesizer("kevin");
        vosk = (VoskSpeechRecognizer) new SpeechRecognizerFactory().create(SttConfig.defaults());
    }

    @AfterAll
    static void close() {
        kevin.close();
        vosk.close();
    }

    @Test
    void speaksAtEightKilohertzWithAPlausibleDuration() {
        SynthesizedAudio a = kevin.synthesize("Hello, welcome to the building.", 8000);
        assertEquals(8000, a.sampleRate());
        assertFalse(a.cached());
        assertTrue(rms(a.pcm()) > 500, "rms " + rms(a.pcm()));
        // Five words: somewhere between one and four seconds of speech.
        assertTrue(a.durationMs() > 1000 && a.durationMs() < 4000, "duration " + a.durationMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000, 48000})
    void resamplesToTheCallRate(int rate) {
        SynthesizedAudio at8k = kevin.synthesize("Thank you, the door is open.", 8000);
        SynthesizedAudio a = kevin.synthesize("Thank you, the door is open.", rate);
        assertEquals(rate, a.sampleRate());
        assertEquals(at8k.durationMs(), a.durationMs(), 5.0);
        assertTrue(rms(a.pcm()) > 500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello, welcome to the building.", "Thank you, the door is open.",
        "Delivery for apartment five.", "Apartment three zero two."})
    void voskUnderstandsWhatKevinSays(String phrase) {
        SynthesizedAudio a = kevin.synthesize(phrase, 8000);
        String heard;
        try (RecognitionStream s = vosk.open(8000)) {
            s.accept(a.pcm(), 0, a.pcm().length);
            heard = s.finish().text();
        }
        double wer = new WordErrorRate().rate(phrase, heard);
        assertTrue(wer <= 0.35, () -> "'" + phrase + "' heard as '" + heard + "'");
    }

    @Test
    void concurrentCallersEachGetTheirOwnPhrase() throws Exception {
        SynthesizedAudio shortAlone = kevin.synthesize("Yes.", 8000);
        SynthesizedAudio longAlone = kevin.synthesize("Please wait while I call the resident of apartment five.", 8000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<SynthesizedAudio>> shorts = new java.util.ArrayList<>();
            List<CompletableFuture<SynthesizedAudio>> longs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                shorts.add(CompletableFuture.supplyAsync(() -> kevin.synthesize("Yes.", 8000), pool));
                longs.add(CompletableFuture.supplyAsync(() -> kevin.synthesize(
                        "Please wait while I call the resident of apartment five.", 8000), pool));
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(shortAlone.pcm().length, shorts.get(i).get().pcm().length);
                assertEquals(longAlone.pcm().length, longs.get(i).get().pcm().length);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolOfVoicesSpeaksInParallelSampleForSampleAsOneVoiceDoes() throws Exception {
        String phrase = "Please wait while I call the resident of apartment five.";
        byte[] alone = kevin.synthesize(phrase, 8000).pcm();
        try (FreeTtsSynthesizer pool = new FreeTtsSynthesizer("kevin", 3)) {
            assertEquals(3, pool.voices());
            CountDownLatch together = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                List<CompletableFuture<byte[]>> spoken = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    spoken.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(together);
                        return pool.synthesize(phrase, 8000).pcm();
                    }, threads));
                }
                together.countDown();
                for (CompletableFuture<byte[]> f : spoken) {
                    assertArrayEquals(alone, f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void anInterruptedSynthesisIsCancelledAndTheVoiceStaysUsable() {
        Thread.currentThread().interrupt();
        try {
            StageException e = assertThrows(StageException.class, () -> kevin.synthesize("Thank you.", 8000));
            assertEquals("cancelled", e.errorType());
        } finally {
            Thread.interrupted();
        }
        assertTrue(kevin.synthesize("Thank you.", 8000).pcm().length > 0, "the voice went back to the pool");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rejectsEmptyTextAndBadRates() {
        StageException empty = assertThrows(StageException.class, () -> kevin.synthesize("  ", 8000));
        assertEquals("synthesis", empty.stage());
        assertEquals("bad_input", empty.errorType());
        assertEquals("bad_input", assertThrows(StageException.class, () -> kevin.synthesize("hi", 0)).errorType());
    }

    @Test
    void unknownVoicesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FreeTtsSynthesizer("alan"));
        assertTrue(e.getMessage().contains("tts.voice") && e.getMessage().contains("kevin16"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new FreeTtsSynthesizer("kevin", 0));
        assertTrue(none.getMessage().startsWith("tts.freetts.voices"), none.getMessage());
    }
}
