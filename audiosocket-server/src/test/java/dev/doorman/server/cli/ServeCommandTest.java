package dev.doorman.server.cli;

import dev.doorman.server.testing.CapturedStderr;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid configuration ends the process with exit code 2 and a message naming the key (and the
 * environment variable or flag it came from); {@code doorman --help} shows serve's options.
 */
class ServeCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    private int run(Map<String, String> env, String... args) {
        return DoormanCommand.commandLine(env).execute(DoormanCommand.withDefaultSubcommand(args));
    }

    private String err() {
        return stderr.text();
    }

    @Test
    void anInvalidFileValueExitsWith2NamingTheKey() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "server:\n  port: 70000\n");
        assertEquals(2, run(Map.of(), "--config", file.toString()));
        assertTrue(err().contains("config error: server.port: must be 0..65535, got 70000"), err());
    }

    @Test
    void anInvalidFlagExitsWith2NamingTheFlag() {
        assertEquals(2, run(Map.of(), "--port", "abc"));
        assertTrue(err().contains("config error: server.port: expected an integer, got 'abc' (from --port)"), err());
    }

    @Test
    void anInvalidEnvironmentValueExitsWith2NamingTheVariable() {
        assertEquals(2, run(Map.of("DOORMAN_SERVER_PORT", "abc"), "serve"));
        assertTrue(err().contains("server.port: expected an integer, got 'abc' (from environment variable DOORMAN_SERVER_PORT)"),
                err());
        stderr.reset();
        assertEquals(2, run(Map.of("DOORMAN_LOGGING_PRIVACY", "secret"), "serve"));
        assertTrue(err().contains("logging.privacy") && err().contains("DOORMAN_LOGGING_PRIVACY"), err());
    }

    @Test
    void theResidentLegIsConfiguredFromNestedEnvironmentVariables() {
        String directory = Repository.root().resolve("samples/directory.json").toString();
        assertEquals(2, run(Map.of("DOORMAN_DIRECTORY_PATH", directory, "DOORMAN_RESIDENT_ENABLED", "true",
                "DOORMAN_RESIDENT_AMI_PORT", "5039"), "--port", "0"));
        assertTrue(err().contains("config error: resident.ami.secret: is required when resident.enabled is true"), err());
        stderr.reset();
        assertEquals(2, run(Map.of("DOORMAN_DIRECTORY_PATH", directory, "DOORMAN_ACCESS_WEBHOOK_URL",
                "http://gate.example/open"), "--port", "0"));
        assertTrue(err().contains("config error: access.webhook.secret: is required with access.webhook.url"), err());
    }

    @Test
    void aDialogErrorFromTheEnvironmentNamesTheVariable() {
        assertEquals(2, run(Map.of("DOORMAN_DIRECTORY_PATH", dir.resolve("none.json").toString()), "--port", "0"));
        assertTrue(err().contains("config error: directory.path:") && err().contains("file not found")
                && err().contains("(from environment variable DOORMAN_DIRECTORY_PATH)"), err());
    }

    @Test
    void aMissingGreetingFileExitsWith2WhenGreetingOnly() {
        assertEquals(2, run(Map.of("DOORMAN_DIALOG_ENABLED", "false",
                "DOORMAN_PROMPTS_GREETING", dir.resolve("none.wav").toString()), "--port", "0"));
        assertTrue(err().contains("prompts.greeting") && err().contains("no such file"), err());
    }

    @Test
    void anUnreadableGreetingSaysWhy() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("greeting.wav"));
        assertEquals(2, run(Map.of("DOORMAN_DIALOG_ENABLED", "false",
                "DOORMAN_PROMPTS_GREETING", folder.toString()), "--port", "0"));
        assertTrue(err().contains("prompts.greeting: " + folder + ": no such file"), err());
    }

    @Test
    void aBadLogFormatExitsWith2() {
        assertEquals(2, run(Map.of("DOORMAN_LOG_FORMAT", "xml"), "serve"));
        assertTrue(err().contains("DOORMAN_LOG_FORMAT: must be text or json, got 'xml'"), err());
    }

    @Test
    void topLevelHelpShowsServesOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = DoormanCommand.commandLine(Map.of());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        String help = out.toString();
        assertTrue(help.contains("simulate"), help);
        int options = help.indexOf("Options of serve");
        assertTrue(options > help.indexOf("simulate"), help);
        for (String option : List.of("--config=FILE", "--port=PORT", "--bind=ADDR", "--log-dir=DIR", "--admin-port=PORT")) {
            assertTrue(help.indexOf(option, options) > 0, option + " in\n" + help);
        }
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
