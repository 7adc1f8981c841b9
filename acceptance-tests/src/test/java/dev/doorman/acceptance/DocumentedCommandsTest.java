package dev.doorman.acceptance;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command the README and the docs show is checked against the real project (see
 * {@link CommandChecks}): one dynamic test per command, named by page and line. The README walk is
 * also run for real ({@link ReadmeWalkTest}); CI runs `mvn -B verify` itself.
 */
class DocumentedCommandsTest {
    private static final Path REPO = Repo.root();

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(REPO.resolve("README.md"), REPO.resolve("samples/asterisk/README.md")));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<MarkdownCommands.DocCommand> allCommands() throws IOException {
        List<MarkdownCommands.DocCommand> all = new ArrayList<>();
        for (Path page : pages()) {
            all.addAll(MarkdownCommands.of(REPO, page));
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandChecksOut() throws IOException {
        CommandChecks checks = new CommandChecks(REPO);
        List<MarkdownCommands.DocCommand> commands = allCommands();
        assertTrue(commands.size() >= 40, "expected the docs' commands, found " + commands.size());
        return commands.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> checks.check(c)));
    }

    @Test
    void theExtractionFindsBlocksIndentedAndInlineCommands() throws IOException {
        Path page = Files.createTempFile("page", ".md");
        try {
            Files.writeString(page, """
                    Run it:

                        ./bin/doorman

                    Then `docker compose run --rm analyzer --all --summary` and prose `not a command`.

                    ```sh
                    # a comment
                    ./bin/doorman simulate --wav a.wav \\
                        --silence-after 2s &     # trailing comment
                    mvn -B verify
                    ```

                    ```yaml
                    server: {port: 9092}
                    ```
                    """);
            List<String> found = MarkdownCommands.of(page.getParent(), page).stream()
                    .map(MarkdownCommands.DocCommand::text).toList();
            assertEquals(List.of("./bin/doorman", "docker compose run --rm analyzer --all --summary",
                    "./bin/doorman simulate --wav a.wav --silence-after 2s", "mvn -B verify"), found);
        } finally {
            Files.delete(page);
        }
    }

    @Test
    void theChecksCatchWhatWouldMisleadAReader() throws IOException {
        CommandChecks checks = new CommandChecks(REPO);
        for (String wrong : List.of("./bin/doorman --prot 9092", "./bin/doorman --config samples/nope.yaml",
                "DOORMAN_SERVER_PORT=abc ./bin/doorman", "bin/analyzer --summary --bogus", "mvn -pl no-such-module test",
                "mvn -Pnobench test", "mvn -Dtest=NoSuchTest test", "docker compose run --rm nosuch",
                "docker build -t doorman:0.0.1 .", "frobnicate --now")) {
            assertThrows(AssertionError.class,
                    () -> checks.check(new MarkdownCommands.DocCommand("test", wrong, true)), wrong);
        }
    }
}
