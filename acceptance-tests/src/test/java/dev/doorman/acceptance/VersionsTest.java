package dev.doorman.acceptance;

import dev.doorman.analyzer.cli.AnalyzerCommand;
import dev.doorman.server.cli.DoormanCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One version everywhere: the Maven project's, printed by both CLIs (the image tag is DockerImageTest's). */
class VersionsTest {
    @Test
    void bothCommandsPrintTheProjectVersion() throws Exception {
        String version = new CommandChecks(Repo.root()).version();

        StringWriter doorman = new StringWriter();
        CommandLine server = DoormanCommand.commandLine(Map.of());
        server.setOut(new PrintWriter(doorman));
        assertEquals(0, server.execute("--version"));
        assertEquals("doorman " + version, doorman.toString().strip());

        ByteArrayOutputStream analyzer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(analyzer, true, StandardCharsets.UTF_8);
        assertEquals(0, AnalyzerCommand.run(new String[] {"--version"}, Map.of(), Clock.systemUTC(), out, out, false));
        assertEquals("analyzer " + version, analyzer.toString(StandardCharsets.UTF_8).strip());
    }
}
