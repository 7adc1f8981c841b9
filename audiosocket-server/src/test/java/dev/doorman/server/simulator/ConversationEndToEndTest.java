package dev.doorman.server.simulator;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.dialog.SampleDialogConfig;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.testing.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop with real engines: a conversing caller (espeak-ng voice, Vosk ears) talks to a
 * server running samples/config.yaml's dialog (directory grammar, FreeTTS) until it is put through.
 */
class ConversationEndToEndTest {
    @TempDir
    Path logDir;

    @Test
    void aListeningVisitorReachesTheirResident() throws Exception {
        Requirement.require(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "espeak-ng is not installed");
        ServerConfig config = SampleDialogConfig.onLoopback(Path.of("../samples/config.yaml"), logDir);
        try (IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
             DoormanServer server = DoormanServer.builder(config).behaviors(dialog).build().start();
             SpeechRecognizer ears = new SpeechRecognizerFactory(k -> null).create(
                     new SttConfig(null, null, new SttConfig.Vosk(null, true, null, false, 0), null));
             CallSimulator simulator = new CallSimulator(1)) {
            SimulationOptions options = SimulationOptions.builder("127.0.0.1", server.audioSocketPort(),
                    ConversationRunner.silence(8000)).silenceAfter(Duration.ofSeconds(1))
                    .maxDuration(Duration.ofSeconds(120)).build();
            List<ConversationRunner.Result> results = new ConversationRunner(simulator, ears).run(
                    List.of(new VisitorScript("Peter Parker", "David Miller", "303", "en-us")), options);
            ConversationRunner.Result r = results.get(0);
            assertTrue(r.reachedRightResident(), () -> "ended " + r.conversation().ending() + " / "
                    + r.call().outcome() + ": " + r.conversation().exchanges());
            assertTrue(r.conversation().endedAtMs() > 0);
        }
    }
}
