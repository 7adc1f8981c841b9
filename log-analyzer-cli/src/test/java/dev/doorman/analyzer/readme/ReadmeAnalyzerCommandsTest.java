package dev.doorman.analyzer.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.cli.AnalyzerCommand;
import dev.doorman.analyzer.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/analyzer ...} line of the README against the sample call files, so the
 * README cannot drift from the CLI. Outputs go to a temp folder; placeholders become a real call id.
 */
class ReadmeAnalyzerCommandsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String SAMPLE_CALL = "2e6e863f-90ea-4fad-89a4-d16a8d0df1f6";

    @TempDir
    Path tmp;

    @Test
    void everyAnalyzerCommandInTheReadmeRunsOnTheSamples() throws IOException {
        List<String[]> commands = readmeCommands();
        assertTrue(commands.size() >= 4, "expected the README's analyzer examples, found " + commands.size());
        for (String[] args : commands) {
            List<String> run = new ArrayList<>(Arrays.asList(args));
            List<Path> outputs = redirectOutputs(run);
            run.add("--dir");
            run.add(REPO.resolve("samples/logs").toString());
            run.add("--no-progress");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AnalyzerCommand.run(run.toArray(String[]::new), Map.of(),
                    Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false);
            int expected = run.contains("--fail-on-breach") && code == ExitCode.THRESHOLD_BREACHED
                    ? ExitCode.THRESHOLD_BREACHED : ExitCode.OK;
            assertEquals(expected, code, String.join(" ", args) + " -> " + err);
            for (Path output : outputs) {
                assertTrue(Files.size(output) > 0, "no report written by: " + String.join(" ", args));
            }
        }
    }

    private List<Path> redirectOutputs(List<String> run) {
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < run.size() - 1; i++) {
            if (run.get(i).equals("-o") || run.get(i).equals("--output")) {
                Path target = tmp.resolve(Path.of(run.get(i + 1)).getFileName());
                run.set(i + 1, target.toString());
                outputs.add(target);
            }
        }
        return outputs;
    }

    private static List<String[]> readmeCommands() throws IOException {
        List<String[]> commands = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("README.md"))) {
            String command = line.strip();
            if (!command.startsWith("bin/analyzer ")) {
                continue;
            }
            int comment = command.indexOf(" #");
            if (comment >= 0) {
                command = command.substring(0, comment).strip();
            }
            String[] words = command.substring("bin/analyzer ".length())
                    .replace("<uuid>", SAMPLE_CALL).replace("<that-uuid>", SAMPLE_CALL).split("\\s+");
            assertFalse(Arrays.asList(words).contains("|"), "pipes are not runnable here: " + line);
            commands.add(words);
        }
        return commands;
    }
}
