package dev.doorman.server.building;

import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Buildings with the same settings get the same engine and manager connection; others their own. */
class SharedEnginesTest {
    @Test
    void oneManagerConnectionPerDistinctAmiAndOneSynthesizerPerVoice() {
        try (SharedEngines engines = new SharedEngines()) {
            AmiClient north = engines.ami(new ResidentConfig.Ami("127.0.0.1", 5038, "doorman", "s"));
            AmiClient south = engines.ami(new ResidentConfig.Ami(" 127.0.0.1", 5038, null, "s"));
            AmiClient elsewhere = engines.ami(new ResidentConfig.Ami("127.0.0.2", 5038, "doorman", "s"));
            assertSame(north, south, "the same settings, written differently");
            assertNotSame(north, elsewhere);
            assertEquals(2, engines.managers());

            var kevin = engines.synthesizer(TtsConfig.defaults());
            assertSame(kevin, engines.synthesizer(TtsConfig.defaults()));
            assertEquals("0 speech recognizer(s), 1 synthesizer(s), 2 AMI connection(s)", engines.describe());
        }
    }
}
