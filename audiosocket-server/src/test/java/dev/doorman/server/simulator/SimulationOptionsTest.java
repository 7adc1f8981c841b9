package dev.doorman.server.simulator;

import dev.doorman.server.audio.WavFile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationOptionsTest {
    private static final WavFile AUDIO = TestAudio.tone(8000, 800);

    private static SimulationOptions.Builder builder() {
        return SimulationOptions.builder("127.0.0.1", 9092, AUDIO);
    }

    @Test
    void rejectsDigitsAsteriskCannotSend() {
        var e = assertThrows(IllegalArgumentException.class, () -> builder().dtmf("12x", Duration.ZERO).build());
        assertTrue(e.getMessage().contains("'X'"), e.getMessage());
    }

    @Test
    void lowerCaseDtmfLettersAreNormalized() {
        assertEquals("1A#", builder().dtmf("1a#", Duration.ZERO).build().dtmf());
    }

    @Test
    void fixedCallIdOnlyForOneCall() {
        var e = assertThrows(IllegalArgumentException.class, () -> builder()
                .callId("6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c").calls(2, Duration.ZERO).build());
        assertTrue(e.getMessage().contains("one call only"), e.getMessage());
    }

    @Test
    void callIdMustBeACanonicalUuid() {
        var e = assertThrows(IllegalArgumentException.class, () -> builder().callId("../etc/passwd").build());
        assertTrue(e.getMessage().contains("not a canonical UUID"), e.getMessage());
    }

    @Test
    void rateWithoutAnAudioSocketKindIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SimulationOptions.builder("127.0.0.1", 9092, TestAudio.tone(11_025, 100)).build());
        assertTrue(e.getMessage().contains("11025 Hz"), e.getMessage());
    }

    @Test
    void negativeDurationsAndBadCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> builder().silenceAfter(Duration.ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> builder().calls(0, Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> SimulationOptions.builder("127.0.0.1", 0, AUDIO).build());
    }
}
