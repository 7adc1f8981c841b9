package dev.doorman.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
    private final TimeArgument times = new TimeArgument(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void parsesIsoAndRelativeForms() {
        assertEquals(Instant.parse("2026-11-20T14:00:00Z"), times.parse("2026-11-20T14:00:00Z"));
        assertEquals(Instant.parse("2026-11-20T12:00:00Z"), times.parse("2026-11-20T14:00:00+02:00"));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), times.parse("2026-11-20"));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), times.parse("24h"));
        assertEquals(Instant.parse("2026-11-14T00:00:00Z"), times.parse("7d"));
        assertEquals(Instant.parse("2026-11-20T23:30:00Z"), times.parse("30m"));
        assertThrows(IllegalArgumentException.class, () -> times.parse("last tuesday"));
    }
}
