package dev.doorman.server.readme;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.cli.DoormanCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./bin/doorman ...} line of the README must parse with the real command tree, and
 * every repository file it names must exist: the README cannot promise an option or a sample that
 * is not there. (Running the server and a simulated call end to end is covered by the e2e tests.)
 */
class ReadmeServerCommandsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyServerCommandInTheReadmeParsesAndNamesExistingFiles() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("README.md"))) {
            String command = line.strip();
            if (command.startsWith("./bin/doorman")) {
                int comment = command.indexOf(" #");
                command = (comment >= 0 ? command.substring(0, comment) : command).replace(" &", "").strip();
                commands.add(command);
            }
        }
        assertTrue(commands.size() >= 3, "expected the README's server examples, found " + commands);
        for (String command : commands) {
            String rest = command.substring("./bin/doorman".length()).strip();
            String[] args = rest.isEmpty() ? new String[0] : rest.split("\\s+");
            assertDoesNotThrow(() -> DoormanCommand.commandLine(Map.of())
                    .parseArgs(DoormanCommand.withDefaultSubcommand(args)), command);
            for (String arg : args) {
                if (arg.startsWith("samples/")) {
                    assertTrue(Files.exists(REPO.resolve(arg)), command + ": " + arg + " does not exist");
                }
            }
        }
    }
}
