package dev.doorman.server.building;

import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Buildings on the same engines share one pipeline and one admission control (one CPU to count). */
    @Test
    void onePipelinePerRecognizerAndSynthesizer() {
        SpeechRecognizer recognizer = new SpeechRecognizer() { // never asked to decode here
            @Override
            public String provider() {
                return "none";
            }

            @Override
            public RecognitionStream open(int sampleRate) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        try (SharedEngines engines = new SharedEngines()) {
            var kevin = engines.synthesizer(TtsConfig.defaults());
            var config = dev.doorman.server.conversation.ConversationConfig.defaults();
            var first = engines.conversations(recognizer, kevin, config, 1);
            var second = engines.conversations(recognizer, kevin, config, 1);
            assertSame(first.speech(), second.speech());
            assertSame(first.admission(), second.admission());
            assertTrue(first.created(), "the first building measures and binds it");
            assertFalse(second.created(), "the others do not bind its meters again");
            SpeechSynthesizer otherVoice = engines.synthesizer(
                    new TtsConfig(null, null, new TtsConfig.FreeTts(1), null, null, null));
            assertNotSame(first.speech(), engines.conversations(recognizer, otherVoice, config, 1).speech());
        }
    }
}
