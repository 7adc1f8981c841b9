package dev.doorman.server.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid configuration ends the process with exit code 2 and a message naming the key. */
class ServeCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private int run(Map<String, String> env, String... args) {
        return DoormanCommand.commandLine(env).execute(DoormanCommand.withDefaultSubcommand(args));
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInvalidFileValueExitsWith2NamingTheKey() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "server:\n  port: 70000\n");
        assertEquals(2, run(Map.of(), "--config", file.toString()));
        assertTrue(err().contains("config error: server.port: must be 0..65535, got 70000"), err());
    }

    @Test
    void anInvalidFlagExitsWith2() {
        assertEquals(2, run(Map.of(), "--port", "abc"));
        assertTrue(err().contains("server.port"), err());
    }

    @Test
    void anInvalidEnvironmentValueExitsWith2() {
        assertEquals(2, run(Map.of("DOORMAN_LOGGING_PRIVACY", "secret"), "serve"));
        assertTrue(err().contains("logging.privacy"), err());
    }

    @Test
    void aMissingGreetingFileExitsWith2() {
        assertEquals(2, run(Map.of("DOORMAN_PROMPTS_GREETING", dir.resolve("none.wav").toString()), "--port", "0"));
        assertTrue(err().contains("prompts.greeting"), err());
    }

    @Test
    void serveIsTheDefaultSubcommand() {
        assertArrayEquals(new String[] {"serve"}, DoormanCommand.withDefaultSubcommand(new String[0]));
        assertArrayEquals(new String[] {"serve", "--port", "1"},
                DoormanCommand.withDefaultSubcommand(new String[] {"--port", "1"}));
        assertArrayEquals(new String[] {"--help"}, DoormanCommand.withDefaultSubcommand(new String[] {"--help"}));
        assertArrayEquals(new String[] {"simulate", "-x"},
                DoormanCommand.withDefaultSubcommand(new String[] {"simulate", "-x"}));
    }
}
