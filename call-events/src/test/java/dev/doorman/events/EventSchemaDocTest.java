package dev.doorman.events;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/events.md is the users' copy of the schema: every type and field of {@link EventType}, nothing else. */
class EventSchemaDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| ([^|]*) \\| ([^|]+) \\|$");
    private static final Pattern FIELD = Pattern.compile("`([a-z_]+)`( \\*optional\\*)?");

    @Test
    void everyEventTypeIsDocumentedWithExactlyItsFields() throws Exception {
        Path doc = Path.of("..", "docs", "events.md");
        assertTrue(Files.isRegularFile(doc), "missing " + doc.toAbsolutePath());
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                String previous = documented.put(m.group(1), m.group(2).strip());
                assertEquals(null, previous, m.group(1) + " is documented twice");
            }
        }
        for (EventType type : EventType.values()) {
            String fields = documented.remove(type.wireName());
            assertTrue(fields != null, type + " is not documented in docs/events.md");
            assertEquals(render(type.fields()), normalize(fields), "fields of " + type + " in docs/events.md");
        }
        assertTrue(documented.isEmpty(), "docs/events.md documents types the code does not have: " + documented.keySet());
    }

    private static String render(List<EventType.Field> fields) {
        List<String> out = new ArrayList<>();
        for (EventType.Field f : fields) {
            out.add(f.name() + (f.optional() ? "?" : ""));
        }
        return String.join(",", out);
    }

    private static String normalize(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = FIELD.matcher(cell);
        while (m.find()) {
            out.add(m.group(1) + (m.group(2) != null ? "?" : ""));
        }
        return String.join(",", out);
    }
}
