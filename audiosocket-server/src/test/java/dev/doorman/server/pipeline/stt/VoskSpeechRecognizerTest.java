package dev.doorman.server.pipeline.stt;

import dev.doorman.server.testing.Requirement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.stt.bench.AllisonCorpus;
import dev.doorman.server.pipeline.stt.bench.WordErrorRate;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real Vosk engine with the bundled en-us model on Allison's 8 kHz prompts. */
class VoskSpeechRecognizerTest {
    private static final AllisonCorpus ALLISON = AllisonCorpus.installed();
    private static VoskSpeechRecognizer vosk;
    private final WordErrorRate wer = new WordErrorRate();

    @BeforeAll
    static void loadModelOnce() {
        vosk = (VoskSpeechRecognizer) new SpeechRecognizerFactory().create(SttConfig.defaults());
    }

    @AfterAll
    static void closeModel() {
        vosk.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm-enter-num-to-call", "please-try-again", "cannot-complete-as-dialed", "check-number-dial-again",
        "agent-pass"})
    void recognizesAllisonAt8kHzWhileStreaming(String name) throws Exception {
        Requirement.require(ALLISON.isAvailable(), "asterisk-core-sounds-en(-wav) not installed");
        AllisonCorpus.Prompt prompt = ALLISON.prompt(name);
        WavFile wav = WavFile.read(prompt.wav());
        assertEquals(8000, wav.sampleRate());

        Transcript t = streamed(wav.pcm(), 8000, 320);

        assertTrue(wer.rate(prompt.reference(), t.text()) <= 0.35,
                () -> "reference '" + prompt.reference() + "' heard as '" + t.text() + "'");
        assertTrue(t.confidence() > 0 && t.confidence() <= 1, "confidence " + t.confidence());
    }

    @Test
    void keyWordsOfAPromptAreHeard() throws Exception {
        Requirement.require(ALLISON.isAvailable(), "asterisk-core-sounds-en(-wav) not installed");
        WavFile wav = WavFile.read(ALLISON.prompt("vm-enter-num-to-call").wav());
        String text = streamed(wav.pcm(), 8000, 320).text();
        assertTrue(text.contains("number") && text.contains("call"), text);
    }

    /**
     * Vosk's result can depend a little on how the audio is chunked (its i-vector silence weighting
     * follows the partial decode), so borderline words may differ; on clear prompts streaming in
     * 20 ms or odd-sized chunks must give exactly the batch text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vm-enter-num-to-call", "cannot-complete-as-dialed"})
    void streamingGivesTheSameTextAsFeedingEverythingAtTheEnd(String name) throws Exception {
        Requirement.require(ALLISON.isAvailable(), "asterisk-core-sounds-en(-wav) not installed");
        WavFile wav = WavFile.read(ALLISON.prompt(name).wav());
        String reference = ALLISON.prompt(name).reference();
        String batch = streamed(wav.pcm(), 8000, wav.pcm().length).text();
        // A borderline word may flip with chunking (see above), so streaming must agree with the
        // batch text closely rather than exactly; lost or reordered audio would differ by far more.
        for (int chunk : new int[] {320, 97}) {
            String stream = streamed(wav.pcm(), 8000, chunk).text();
            assertTrue(wer.rate(batch, stream) <= 0.25, "chunk " + chunk + ": '" + stream + "' vs batch '" + batch + "'");
            assertTrue(wer.rate(reference, stream) <= 0.35, stream);
        }
        assertTrue(wer.rate(reference, batch) <= 0.35, batch);
    }

    @Test
    void acceptsOtherCallRates() throws Exception {
        Requirement.require(ALLISON.isAvailable(), "asterisk-core-sounds-en(-wav) not installed");
        WavFile wav = WavFile.read(ALLISON.prompt("please-try-again").wav());
        byte[] at16k = Resampler.convert(wav.pcm(), 8000, 16000);
        assertEquals("please try again", streamed(at16k, 16000, 640).text());
        byte[] at48k = Resampler.convert(wav.pcm(), 8000, 48000);
        assertEquals("please try again", streamed(at48k, 48000, 1920).text());
    }

    @Test
    void keepsTheTextBeforeAPauseThatVoskEndpointsOnItsOwn() throws Exception {
        Requirement.require(ALLISON.isAvailable(), "asterisk-core-sounds-en(-wav) not installed");
        byte[] first = WavFile.read(ALLISON.prompt("please-try-again").wav()).pcm();
        byte[] second = WavFile.read(ALLISON.prompt("auth-thankyou").wav()).pcm();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(new byte[2 * 8000 * 2]); // 2 s of silence: Vosk closes a segment here
        both.writeBytes(second);
        assertEquals("please try again thank you", streamed(both.toByteArray(), 8000, 320).text());
    }

    @Test
    void silenceGivesAnEmptyTranscript() {
        Transcript t = streamed(new byte[16000], 8000, 320);
        assertTrue(t.isEmpty(), t.text());
        assertTrue(Double.isNaN(t.confidence()));
    }

    @Test
    void aFinishedOrClosedStreamRefusesMoreAudio() {
        RecognitionStream s = vosk.open(8000);
        s.accept(new byte[320], 0, 320);
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.accept(new byte[320], 0, 320));
        assertThrows(IllegalStateException.class, s::finish);
        s.close();
        s.close(); // idempotent
        RecognitionStream closed = vosk.open(8000);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.accept(new byte[2], 0, 2));
    }

    @Test
    void rejectsABadSampleRate() {
        StageException e = assertThrows(StageException.class, () -> vosk.open(0));
        assertEquals("bad_input", e.errorType());
        assertEquals("transcription", e.stage());
    }

    @Test
    void bundledModelIsSixteenKilohertzAndUsedInPlaceFromTheBuild() {
        assertEquals(16000, vosk.modelRate());
        assertTrue(vosk.modelDir().endsWith(Path.of("assets/model-en-us")), vosk.modelDir().toString());
    }

    private static Transcript streamed(byte[] pcm, int rate, int chunk) {
        try (RecognitionStream s = vosk.open(rate)) {
            for (int i = 0; i < pcm.length; i += chunk) {
                s.accept(pcm, i, Math.min(chunk, pcm.length - i));
            }
            return s.finish();
        }
    }

    /**
     * The directory grammar on real speech: a resident/apartment answer is decoded with the grammar
     * only, an open first turn both ways; a word the model does not know is reported, not used.
     */
    @Test
    void decodesDirectoryAnswersWithTheBuildingsGrammar() throws Exception {
        Requirement.require(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/espeak-ng")),
                "espeak-ng is not installed");
        var building = new dev.doorman.server.pipeline.validation.BuildingDirectory(java.util.List.of(
                new dev.doorman.server.pipeline.validation.DirectoryEntry("507", java.util.List.of("Nina Petrova"), "1507"),
                new dev.doorman.server.pipeline.validation.DirectoryEntry("302", java.util.List.of("David Miller", "Xqzvvy Brown"), "1302")));
        try (VoskSpeechRecognizer withGrammar = new VoskSpeechRecognizer(vosk.modelDir(), null, true, 0)) {
        DirectoryGrammar grammar = withGrammar.useDirectory(building, java.util.List.of("apartment", "please", "yes", "no"),
                dev.doorman.server.pipeline.intent.SpokenApartmentNumbers::forms);
            assertTrue(grammar.droppedWords().contains("xqzvvy"), grammar.droppedWords().toString());
            byte[] speech;
            try (var espeak = new dev.doorman.server.pipeline.tts.EspeakSynthesizer("espeak-ng", "en-us", 140,
                    java.time.Duration.ofSeconds(10))) {
                speech = espeak.synthesize("Apartment five oh seven, please.", 8000).pcm();
            }
            Transcript directory = streamed(withGrammar, speech, RecognitionHints.expecting(RecognitionHints.Expectation.DIRECTORY));
            assertEquals(Transcript.Hypothesis.GRAMMAR, directory.source());
            // Only the grammar's words come out (the free model would say anything), and the number is heard.
            java.util.Set<String> words = new java.util.HashSet<>();
            grammar.phrases().forEach(p -> words.addAll(java.util.List.of(p.split(" "))));
            assertTrue(words.containsAll(java.util.List.of(directory.text().split(" "))), directory.text());
            assertTrue(directory.text().startsWith("apartment five"), directory.text());
            assertTrue(directory.alternatives().isEmpty());

            Transcript open = streamed(withGrammar, speech, RecognitionHints.NONE);
            assertEquals(Transcript.Hypothesis.FREE, open.source());
            assertEquals(1, open.alternatives().size());
            assertEquals(Transcript.Hypothesis.GRAMMAR, open.alternatives().get(0).source());
        }
    }

    /**
     * One model, two buildings: a call decodes with its own building's vocabulary (the hints carry
     * it), never with the other building's, whatever the recognizer's last {@code useDirectory} was.
     */
    @Test
    void eachCallDecodesWithItsOwnBuildingsVocabulary() throws Exception {
        Requirement.require(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/espeak-ng")),
                "espeak-ng is not installed");
        var north = new dev.doorman.server.pipeline.RecognitionVocabulary(DirectoryGrammar.phrases(
                new dev.doorman.server.pipeline.validation.BuildingDirectory(java.util.List.of(
                        new dev.doorman.server.pipeline.validation.DirectoryEntry("507", java.util.List.of("Nina Petrova"), "1507"))),
                java.util.List.of("yes", "no"), a -> java.util.List.of()));
        var south = new dev.doorman.server.pipeline.RecognitionVocabulary(DirectoryGrammar.phrases(
                new dev.doorman.server.pipeline.validation.BuildingDirectory(java.util.List.of(
                        new dev.doorman.server.pipeline.validation.DirectoryEntry("507", java.util.List.of("Oscar Lindqvist"), "2507"),
                        new dev.doorman.server.pipeline.validation.DirectoryEntry("101", java.util.List.of("Mary Smith"), "2101"))),
                java.util.List.of("yes", "no"), a -> java.util.List.of()));
        try (VoskSpeechRecognizer shared = new VoskSpeechRecognizer(vosk.modelDir(), null, true, 0)) {
            byte[] speech;
            try (var espeak = new dev.doorman.server.pipeline.tts.EspeakSynthesizer("espeak-ng", "en-us", 140,
                    java.time.Duration.ofSeconds(10))) {
                speech = espeak.synthesize("Nina Petrova", 8000).pcm();
            }
            // Built when a directory is loaded, not by the first call.
            assertEquals(0, shared.preparedGrammars());
            shared.prepare(north);
            shared.prepare(south);
            assertEquals(2, shared.preparedGrammars());
            RecognitionHints directory = RecognitionHints.expecting(RecognitionHints.Expectation.DIRECTORY);
            Transcript inNorth = streamed(shared, speech, directory.with(north));
            Transcript inSouth = streamed(shared, speech, directory.with(south));
            assertEquals("nina petrova", inNorth.text());
            assertFalse(inSouth.text().contains("nina") || inSouth.text().contains("petrova"),
                    "the south building's grammar has no such words: " + inSouth.text());
        }
    }

    private static Transcript streamed(VoskSpeechRecognizer recognizer, byte[] pcm, RecognitionHints hints) {
        try (RecognitionStream s = recognizer.open(8000, hints)) {
            for (int off = 0; off < pcm.length; off += 320) {
                s.accept(pcm, off, Math.min(320, pcm.length - off));
            }
            return s.finish();
        }
    }
}
