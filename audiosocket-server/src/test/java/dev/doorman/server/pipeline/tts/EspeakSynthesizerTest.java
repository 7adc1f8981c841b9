package dev.doorman.server.pipeline.tts;

import dev.doorman.server.testing.Requirement;
import static dev.doorman.server.pipeline.PcmAssertions.rms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real espeak-ng process (installed here and in CI; skipped where it is not). */
class EspeakSynthesizerTest {
    private static boolean installed;

    @BeforeAll
    static void check() {
        try {
            new EspeakSynthesizer("espeak-ng", "en-us", null, Duration.ofSeconds(10));
            installed = true;
        } catch (StageException e) {
            installed = false;
        }
    }

    @Test
    void speaksEnglishAtTheCallRate() {
        Requirement.require(installed, "espeak-ng not installed");
        EspeakSynthesizer espeak = new EspeakSynthesizer("espeak-ng", "en-us", null, Duration.ofSeconds(10));
        SynthesizedAudio a = espeak.synthesize("Hello, welcome to the building.", 8000);
        assertEquals(8000, a.sampleRate());
        assertTrue(rms(a.pcm()) > 300, "rms " + rms(a.pcm()));
        assertTrue(a.durationMs() > 1000 && a.durationMs() < 4000, "duration " + a.durationMs());
        assertEquals("espeak", espeak.provider());
    }

    @Test
    void speaksPortugueseAndSlowerWhenAsked() {
        Requirement.require(installed, "espeak-ng not installed");
        String text = "Bom dia, qual apartamento o senhor procura?";
        SynthesizedAudio normal = new EspeakSynthesizer("espeak-ng", "pt-br", null, Duration.ofSeconds(10))
                .synthesize(text, 16000);
        SynthesizedAudio slow = new EspeakSynthesizer("espeak-ng", "pt-br", 100, Duration.ofSeconds(10))
                .synthesize(text, 16000);
        assertEquals(16000, normal.sampleRate());
        assertTrue(rms(normal.pcm()) > 300);
        assertTrue(slow.durationMs() > normal.durationMs() * 1.3,
                "slow " + slow.durationMs() + " vs normal " + normal.durationMs());
    }

    @Test
    void textIsNeverParsedAsOptions() {
        Requirement.require(installed, "espeak-ng not installed");
        // Goes in on stdin: a leading dash is just spoken text, and quotes/semicolons are harmless.
        SynthesizedAudio a = new EspeakSynthesizer("espeak-ng", "en-us", null, Duration.ofSeconds(10))
                .synthesize("--version; rm -rf / \"quoted\"", 8000);
        assertTrue(a.durationMs() > 500, "duration " + a.durationMs());
    }

    @Test
    void anUnknownVoiceIsAnEngineError() {
        Requirement.require(installed, "espeak-ng not installed");
        StageException e = assertThrows(StageException.class,
                () -> new EspeakSynthesizer("espeak-ng", "xx-nonexistent", null, Duration.ofSeconds(10))
                        .synthesize("hello", 8000));
        assertEquals("engine", e.errorType());
    }

    @Test
    void aMissingProgramMakesTheEngineUnavailable() {
        StageException e = assertThrows(StageException.class,
                () -> new EspeakSynthesizer("/nonexistent/espeak-ng", "en-us", null, Duration.ofSeconds(1)));
        assertEquals("unavailable", e.errorType());
        assertTrue(e.getMessage().contains("not installed"), e.getMessage());
    }

    @Test
    void aHungProcessIsKilledAtTheTimeout() throws Exception {
        // A stand-in "espeak-ng" that answers --version but never finishes speaking.
        java.nio.file.Path script = java.nio.file.Files.createTempFile("fake-espeak", ".sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\n[ \"$1\" = --version ] && exit 0\nexec sleep 30\n");
        script.toFile().setExecutable(true);
        try {
            EspeakSynthesizer hung = new EspeakSynthesizer(script.toString(), "en-us", null, Duration.ofMillis(300));
            StageException e = assertThrows(StageException.class, () -> hung.synthesize("hello", 8000));
            assertEquals("timeout", e.errorType());
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }
}
