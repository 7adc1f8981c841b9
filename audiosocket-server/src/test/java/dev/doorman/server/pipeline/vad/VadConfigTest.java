package dev.doorman.server.pipeline.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VadConfigTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void missingKeysTakeDefaults() throws Exception {
        VadConfig c = VadConfig.from(json.readTree("{\"hangoverMs\": 400}"));
        assertEquals(400, c.hangoverMs());
        assertEquals(80, c.startMs());
        assertEquals(300, c.preRollMs());
        assertEquals(VadConfig.defaults(), VadConfig.from(null));
    }

    @Test
    void badValuesAndUnknownKeysNameTheKey() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> VadConfig.from(json.readTree("{\"frameMs\": 15}")));
        assertTrue(bad.getMessage().contains("frameMs"), bad.getMessage());
        IllegalArgumentException tail = assertThrows(IllegalArgumentException.class,
                () -> VadConfig.defaults().withHangoverMs(100).withPreRollMs(-1));
        assertTrue(tail.getMessage().contains("vad.preRollMs"), tail.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> VadConfig.from(json.readTree("{\"hangover\": 400}")));
        assertTrue(unknown.getMessage().contains("hangover"), unknown.getMessage());
    }
}
