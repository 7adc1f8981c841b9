package dev.doorman.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void sameInstantsAsInstantParse() {
        for (String ts : new String[] {"2026-11-20T14:03:07.123456Z", "2026-11-20T14:03:07Z", "2024-02-29T23:59:59.9Z",
                "1970-01-01T00:00:00.000000001Z", "2026-12-31T00:00:00.000Z"}) {
            assertEquals(Instant.parse(ts), Timestamps.parseUtc(ts), ts);
        }
    }

    @Test
    void otherFormsAreLeftToInstantParse() {
        for (String ts : new String[] {"2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20 14:03:07Z",
                "2026-11-20T14:03:07+02:00", "2026-11-20T14:03:07.Z", "2026-11-20T14:03:07.1234567890Z", "garbage"}) {
            assertNull(Timestamps.parseUtc(ts), ts);
        }
        assertEquals(Instant.parse("2026-11-20T12:03:07Z"), CallAnalysis.parseInstant("2026-11-20T14:03:07+02:00"));
    }
}
