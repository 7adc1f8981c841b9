package dev.doorman.server.protocol;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameKindTest {
    @Test
    void codesAndRatesMatchTheProtocol() {
        assertEquals(0x00, FrameKind.HANGUP.code());
        assertEquals(0x01, FrameKind.UUID.code());
        assertEquals(0x03, FrameKind.DTMF.code());
        assertEquals(0xFF, FrameKind.ERROR.code());
        int[] rates = {8000, 12000, 16000, 24000, 32000, 44100, 48000, 96000, 192000};
        for (int i = 0; i < rates.length; i++) {
            FrameKind kind = FrameKind.fromCode(0x10 + i).orElseThrow();
            assertTrue(kind.isAudio());
            assertEquals(rates[i], kind.sampleRate());
            assertEquals(kind, FrameKind.audioForRate(rates[i]));
        }
        assertEquals(320, FrameKind.AUDIO_8K.bytesPer20Ms());
        assertEquals(640, FrameKind.AUDIO_16K.bytesPer20Ms());
    }

    @Test
    void unknownCodesAndRatesAreRejected() {
        assertEquals(Optional.empty(), FrameKind.fromCode(0x02));
        assertEquals(Optional.empty(), FrameKind.fromCode(0x19));
        assertEquals(Optional.empty(), FrameKind.fromCode(256));
        assertFalse(FrameKind.DTMF.isAudio());
        assertThrows(IllegalArgumentException.class, () -> FrameKind.audioForRate(11025));
    }
}
