package dev.doorman.server.interop;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.testing.RealAsterisk;
import dev.doorman.server.testing.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smallest real call: Asterisk runs the project's sample dialplan into our server, which greets and hangs up. */
class AsteriskSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void sampleDialplanReachesTheServerAndTheCallerHearsTheGreeting() throws Exception {
        Path greeting = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison/auth-thankyou.wav");
        Requirement.require(Files.isRegularFile(greeting), "Debian package asterisk-core-sounds-en-wav");
        Path logs = tmp.resolve("logs");
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = defaults
                .withServer(defaults.server().withBind("127.0.0.1").withPort(0))
                .withLogging(defaults.logging().withDir(logs.toString()))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0))
                .withPrompts(new ServerConfig.Prompts(greeting.toString(), "Thank you.", true));
        try (DoormanServer server = DoormanServer.builder(config).build().start()) {
            Path heard = tmp.resolve("heard.wav");
            RealAsterisk.AsteriskConfig conf = new RealAsterisk.AsteriskConfig()
                    .sampleDialplan("127.0.0.1:" + server.audioSocketPort())
                    .dialplan("""
                            [caller-listen]
                            exten => s,1,Answer()
                             same => n,MixMonitor(%s.all.wav,r(%s))
                             same => n,Wait(8)
                             same => n,Hangup()
                            """.formatted(heard, heard));
            try (RealAsterisk asterisk = RealAsterisk.start(tmp.resolve("asterisk"), conf)) {
                asterisk.originate("100", "doorman", "s", "caller-listen");
                await().atMost(Duration.ofSeconds(20)).until(() -> CallFile.endedIn(logs).size() == 1);
                List<String> lines = Files.readAllLines(CallFile.endedIn(logs).get(0).path());
                assertTrue(lines.get(0).contains("\"CALL_SETUP\""), lines.get(0));
                assertTrue(lines.get(lines.size() - 1).contains("\"server_hangup\""), lines.get(lines.size() - 1));
                await().atMost(Duration.ofSeconds(20)).until(() -> asterisk.activeChannels() == 0);
                WavFile recording = WavFile.read(heard);
                WavFile prompt = WavFile.read(greeting);
                assertEquals(8000, recording.sampleRate());
                assertTrue(recording.pcm().length >= prompt.pcm().length,
                        "recorded " + recording.durationMs() + " ms, greeting " + prompt.durationMs() + " ms\n" + asterisk.consoleLog());
            }
        }
    }
}
