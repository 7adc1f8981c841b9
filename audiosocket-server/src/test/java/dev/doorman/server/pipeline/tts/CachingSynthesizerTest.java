package dev.doorman.server.pipeline.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of the real FreeTTS engine, counting how often the engine is asked. */
class CachingSynthesizerTest {
    private static FreeTtsSynthesizer freetts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        freetts = new FreeTtsSynthesizer("kevin");
    }

    @AfterAll
    static void close() {
        freetts.close();
    }

    /** Counts engine calls; the speech itself is FreeTTS's. */
    private static final class Counting implements SpeechSynthesizer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String provider() {
            return freetts.provider();
        }

        @Override
        public SynthesizedAudio synthesize(String text, int sampleRate) {
            calls.incrementAndGet();
            return freetts.synthesize(text, sampleRate);
        }
    }

    @Test
    void aRepeatedPhraseComesFromMemoryMarkedCached() {
        Counting engine = new Counting();
        CachingSynthesizer cache = new CachingSynthesizer(engine, "freetts/kevin", 16, null);

        SynthesizedAudio first = cache.synthesize("Which apartment?", 8000);
        SynthesizedAudio second = cache.synthesize("Which apartment?", 8000);

        assertFalse(first.cached());
        assertTrue(second.cached());
        assertArrayEquals(first.pcm(), second.pcm());
        assertEquals(1, engine.calls.get());
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
        assertEquals("freetts", cache.provider());

        SynthesizedAudio otherRate = cache.synthesize("Which apartment?", 16000);
        assertFalse(otherRate.cached(), "the rate is part of the key");
        assertEquals(2, engine.calls.get());
    }

    @Test
    void warmUpMakesTheFirstUseAHit() {
        Counting engine = new Counting();
        CachingSynthesizer cache = new CachingSynthesizer(engine, "freetts/kevin", 16, null);
        List<String> prompts = List.of("Hello, welcome.", "Which apartment?");

        assertEquals(2, cache.warmUp(prompts, 8000));
        assertEquals(0, cache.warmUp(prompts, 8000), "already warm");
        assertTrue(cache.synthesize("Hello, welcome.", 8000).cached());
        assertEquals(2, engine.calls.get());
    }

    @Test
    void evictsTheLeastRecentlyUsedPhrase() {
        Counting engine = new Counting();
        CachingSynthesizer cache = new CachingSynthesizer(engine, "freetts/kevin", 2, null);
        cache.synthesize("one", 8000);
        cache.synthesize("two", 8000);
        cache.synthesize("one", 8000);   // "two" is now the eldest
        cache.synthesize("three", 8000); // evicts "two"
        assertTrue(cache.synthesize("one", 8000).cached());
        assertFalse(cache.synthesize("two", 8000).cached());
        assertEquals(4, engine.calls.get());
    }

    @Test
    void theDiskCacheSurvivesARestartAndIsKeptPerVoice() throws Exception {
        Counting engine = new Counting();
        SynthesizedAudio spoken = new CachingSynthesizer(engine, "freetts/kevin", 0, tmp)
                .synthesize("The door is open.", 8000);
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".wav")).count());
        }

        CachingSynthesizer restarted = new CachingSynthesizer(engine, "freetts/kevin", 16, tmp);
        SynthesizedAudio fromDisk = restarted.synthesize("The door is open.", 8000);
        assertTrue(fromDisk.cached());
        assertArrayEquals(spoken.pcm(), fromDisk.pcm());
        assertEquals(1, engine.calls.get());

        CachingSynthesizer otherVoice = new CachingSynthesizer(engine, "freetts/kevin16", 16, tmp);
        assertFalse(otherVoice.synthesize("The door is open.", 8000).cached());
    }

    @Test
    void aCorruptDiskEntryIsAMissNotAFailure() throws Exception {
        Counting engine = new Counting();
        new CachingSynthesizer(engine, "freetts/kevin", 0, tmp).synthesize("Goodbye.", 8000);
        try (var files = Files.list(tmp)) {
            Files.writeString(files.findFirst().orElseThrow(), "garbage");
        }
        SynthesizedAudio again = new CachingSynthesizer(engine, "freetts/kevin", 0, tmp).synthesize("Goodbye.", 8000);
        assertFalse(again.cached());
        assertTrue(again.pcm().length > 0);
    }

    @Test
    void engineErrorsPassThroughAndAreNotCached() {
        CachingSynthesizer cache = new CachingSynthesizer(new Counting(), "freetts/kevin", 16, null);
        assertEquals("bad_input", assertThrows(StageException.class, () -> cache.synthesize(" ", 8000)).errorType());
        assertEquals("bad_input", assertThrows(StageException.class, () -> cache.synthesize(" ", 8000)).errorType());
        assertEquals(0, cache.hits());
    }

    @Test
    void aReplyIsCachedSentenceBySentenceAndHandedOverAsEachIsReady() {
        Counting engine = new Counting();
        CachingSynthesizer cache = new CachingSynthesizer(engine, "freetts/kevin", 16, null);
        List<byte[]> chunks = new java.util.ArrayList<>();
        SynthesizedAudio first = cache.synthesize("Thank you, Peter. Please wait.", 8000, chunks::add);
        assertFalse(first.cached());
        assertEquals(2, chunks.size(), "one piece per sentence");
        assertArrayEquals(freetts.synthesize("Thank you, Peter.", 8000).pcm(), chunks.get(0));
        assertArrayEquals(freetts.synthesize("Please wait.", 8000).pcm(), chunks.get(1));
        assertArrayEquals(freetts.synthesize("Thank you, Peter. Please wait.", 8000).pcm(), first.pcm(),
                "the pieces make the same samples as the whole text");

        SynthesizedAudio second = cache.synthesize("Thank you, Mary. Please wait.", 8000);
        assertFalse(second.cached(), "only partly from the cache");
        assertEquals(3, engine.calls.get(), "\"Please wait.\" was synthesized once");
        assertTrue(cache.synthesize("Please wait. Thank you, Mary.", 8000).cached());
    }

    @Test
    void anInterruptedReplyStopsBetweenSentences() {
        CachingSynthesizer cache = new CachingSynthesizer(new Counting(), "freetts/kevin", 16, null);
        List<byte[]> chunks = new java.util.ArrayList<>();
        try {
            StageException e = assertThrows(StageException.class, () -> cache.synthesize(
                    "One sentence. Another sentence.", 8000, pcm -> {
                        chunks.add(pcm);
                        Thread.currentThread().interrupt(); // the turn was cancelled while the first piece played
                    }));
            assertEquals("cancelled", e.errorType());
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, chunks.size());
    }

    @Test
    void rejectsANegativeSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CachingSynthesizer(new Counting(), "x", -1, null));
        assertTrue(e.getMessage().startsWith("tts.cache.maxEntries"), e.getMessage());
    }
}
