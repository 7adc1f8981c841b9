package dev.doorman.server.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server emits only event types of the schema ({@code EventType}, documented in docs/events.md):
 * an event type written as a string literal would bypass both the enum and the doc check.
 */
class EmittedEventTypesTest {
    private static final Pattern LITERAL_TYPE = Pattern.compile("logEvent\\(\\s*\"([^\"]*)\"");

    @Test
    void mainCodeLogsEventsOnlyThroughTheSchemaEnum() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL_TYPE.matcher(Files.readString(file));
                while (m.find()) {
                    offenders.add(file + ": " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), offenders, "event types as string literals; add them to EventType and docs/events.md");
    }
}
