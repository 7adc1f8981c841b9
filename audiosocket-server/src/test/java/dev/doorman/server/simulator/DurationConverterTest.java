package dev.doorman.server.simulator;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsCommonForms() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(3), converter.convert("3s"));
        assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofSeconds(3), converter.convert("PT3S"));
    }

    @Test
    void rejectsGarbageWithAnExample() {
        var e = assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("soon"));
        assertEquals("'soon' is not a duration: use e.g. 500ms, 3s, 1.5s, 2m or PT3S", e.getMessage());
    }
}
