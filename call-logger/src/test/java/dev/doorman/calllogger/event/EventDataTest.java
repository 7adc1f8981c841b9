package dev.doorman.calllogger.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDataTest {
    @Test
    void behavesLikeAnOrderedMapThatKeepsNulls() {
        EventData data = EventData.of("turn", 2, "text", null, "provider", "vosk");
        assertEquals(3, data.size());
        assertEquals(2, data.get("turn"));
        assertNull(data.get("text"));
        assertTrue(data.containsKey("text"));
        assertEquals(List.of("turn", "text", "provider"), new ArrayList<>(data.keySet()));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("turn", 2);
        expected.put("text", null);
        expected.put("provider", "vosk");
        assertEquals(expected, data);
        assertEquals(0, EventData.of().size());
    }

    @Test
    void rejectsOddCountsAndNonStringKeysWithAClearMessage() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> EventData.of("turn"));
        assertTrue(odd.getMessage().contains("pairs"));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> EventData.of(1, "x"));
        assertTrue(key.getMessage().contains("not a String"));
    }
}
