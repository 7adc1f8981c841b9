package dev.doorman.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.testing.RealAsterisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.doorman.server.interop.InteropCalls.allison;
import static dev.doorman.server.interop.InteropCalls.assertComplete;
import static dev.doorman.server.interop.InteropCalls.awaitEnded;
import static dev.doorman.server.interop.InteropCalls.awaitIdle;
import static dev.doorman.server.interop.InteropCalls.callIdOf;
import static dev.doorman.server.interop.InteropCalls.callerContext;
import static dev.doorman.server.interop.InteropCalls.greetingServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same sample dialplan with {@code transmit_silence=yes}: Asterisk sends a frame every 20 ms
 * whether the caller talks or not, so utterances end on the audio itself. The server here is set
 * up for wideband ({@code server.sampleRate: 16000}), so a {@code c(slin16)} call is 16 kHz end to
 * end from its first frame: the greeting goes out in 640-byte 0x12 frames, the VAD runs at 16 kHz.
 */
class AsteriskTransmitSilenceTest {
    private static final String GREETING = "agent-loginok";

    @TempDir
    Path dir;

    @Test
    void framesNeverStopAndEveryFormWorksFromAWidebandServer() throws Exception {
        int port = InteropCalls.freePort();
        Path logs = dir.resolve("logs");
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), new RealAsterisk.AsteriskConfig()
                .sampleDialplan("127.0.0.1:" + port)
                .transmitSilence(true))) {
            Path recordings = asterisk.recordings();
            String speech = asterisk.sound("hello-world", WavFile.read(allison("hello-world")));
            asterisk.addDialplan(callerContext("talks", recordings, "WaitForNoise(200,1,10)",
                    "WaitForSilence(500,1,10)", "Playback(" + speech + ")", "Wait(1.5)"));
            try (DoormanServer server = greetingServer(port, logs, allison(GREETING), false,
                    c -> c.withServer(c.server().withSampleRate(16000)))) {
                asterisk.originate("100", "doorman", "6100", "talks");
                asterisk.originate("101", "doorman", "6101", "talks");
                asterisk.originate("102", "doorman", "6102", "talks");
                awaitEnded(logs, 3, Duration.ofSeconds(20));
                awaitIdle(asterisk);
                assertEquals(0, server.callMetrics().framesSkipped());
            }
            WavFile greeting = WavFile.read(allison(GREETING));
            for (String tag : List.of("6100", "6101", "6102")) {
                CallFile call = CallFile.read(logs, callIdOf(asterisk, tag));
                assertComplete(call, "caller_hangup");
                JsonNode ended = call.first("SPEECH_ENDED").orElseThrow(() -> new AssertionError(tag + ": "
                        + call.types())).path("data");
                assertFalse(ended.has("ended_by"), tag + ": ended by the transmitted silence itself: " + ended);
                assertEquals(1400, ended.path("duration_ms").asDouble(), 250, tag + ": hello-world lasts 1.4 s");
                HeardAudio.assertContainsAllOf(WavFile.read(recordings.resolve(tag + ".wav")), greeting);
            }
            CallFile wide = CallFile.read(logs, callIdOf(asterisk, "6102"));
            assertEquals("0x12", wide.first("CALL_SETUP").orElseThrow().path("data").path("audio_kind").asText());
            assertFalse(wide.types().contains("AUDIO_FORMAT"), "Asterisk sent 16 kHz from the first frame");
            for (String narrow : List.of("6100", "6101")) {
                CallFile call = CallFile.read(logs, callIdOf(asterisk, narrow));
                JsonNode format = call.first("AUDIO_FORMAT").orElseThrow().path("data");
                assertEquals("0x10", format.path("to_kind").asText(), narrow + ": the server follows Asterisk's 8 kHz");
                assertTrue(call.types().indexOf("AUDIO_FORMAT") < call.types().indexOf("SPEECH_DETECTED"));
            }
        }
    }
}
