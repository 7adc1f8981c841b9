package dev.doorman.server.e2e;

import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code doorman serve} as its own process, as in production: SIGTERM while two calls are up must
 * hang both up, finish both call files and exit cleanly.
 */
class ShutdownDrainTest {
    @TempDir
    Path dir;

    @Test
    void sigtermHangsUpActiveCallsAndDrainsTheirLogs() throws Exception {
        Path greeting = SpeechFiles.allison("auth-thankyou");
        Path logs = dir.resolve("calls");
        int port = freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                server:
                  bind: 127.0.0.1
                  port: %d
                admin:
                  enabled: false
                prompts:
                  greeting: %s
                logging:
                  dir: %s
                dialog:
                  enabled: false
                """.formatted(port, greeting, logs));
        Process server = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", testClasspath(),
                "dev.doorman.server.cli.DoormanCommand", "serve", "--config", config.toString())
                .redirectOutput(dir.resolve("server.out").toFile())
                .redirectError(dir.resolve("server.err").toFile())
                .start();
        try (CallSimulator simulator = new CallSimulator(1)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !server.isAlive() || accepts(port));
            assertTrue(server.isAlive(), () -> "server exited early: " + read(dir.resolve("server.err")));

            List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
            List<CompletableFuture<CallResult>> calls = ids.stream().map(id -> simulator.call(
                    SimulationOptions.builder("127.0.0.1", port, SpeechFiles.silence(500)).callId(id)
                            .silenceAfter(Duration.ofMinutes(1)).maxDuration(Duration.ofMinutes(2)).build())).toList();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ids.stream().allMatch(id -> Files.exists(logs.resolve(id + ".jsonl"))));

            server.destroy(); // SIGTERM
            await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());

            for (int i = 0; i < ids.size(); i++) {
                CallResult call = calls.get(i).get(10, TimeUnit.SECONDS);
                assertTrue(call.outcome().endedByServer(), "the server ended the call: " + call.outcome());
                CallFile file = CallFile.read(logs, ids.get(i));
                assertEquals("CALL_SETUP", file.events().get(0).path("event").asText());
                assertEquals("CALL_ENDED", file.last().path("event").asText(), file.types().toString());
                assertEquals("shutdown", file.last().path("data").path("reason").asText());
                assertEquals(-1, file.firstSeqGap(), file.types().toString());
            }
            // ServeCommand documents 0 for a normal stop; a JVM ended by SIGTERM reports 143 unless
            // the server makes its drained shutdown a normal exit.
            assertEquals(0, server.exitValue(), () -> "exit code; stderr: " + read(dir.resolve("server.err")));
        } finally {
            server.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Surefire runs tests from a manifest-only jar; it exposes the real classpath separately. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
