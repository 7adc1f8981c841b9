package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.events.Party;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyTest {
    @TempDir
    Path dir;

    private List<JsonNode> logTwoTranscriptsAndEntities(PrivacyMode mode, String salt) {
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .privacyMode(mode).privacySalt(salt).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.logTranscriptionComplete(Party.VISITOR, 1, "Maria Silva, apartment 42", 100, "vosk");
            logger.logTranscriptionComplete(Party.VISITOR, 2, "Maria Silva, apartment 42", 100, "vosk");
            logger.logIntentExtractionComplete(1, "visit",
                    Map.of("visitor_name", "John", "apartment", "42"), 3.5, "rules");
            logger.logCallEnded("done");
        }
        return read(fileOf(dir, id));
    }

    @Test
    void fullWritesTextAsSaid() {
        List<JsonNode> lines = logTwoTranscriptsAndEntities(PrivacyMode.FULL, null);
        assertEquals("Maria Silva, apartment 42", lines.get(1).get("data").get("text").asText());
        assertEquals("John", lines.get(3).get("data").get("entities").get("visitor_name").asText());
    }

    @Test
    void hashKeepsGroupingButNotTheText() {
        List<JsonNode> lines = logTwoTranscriptsAndEntities(PrivacyMode.HASH, "pepper");
        String first = lines.get(1).get("data").get("text").asText();
        assertTrue(first.matches("sha256:[0-9a-f]{64}"), first);
        assertEquals(first, lines.get(2).get("data").get("text").asText(), "equal texts hash equally");
        JsonNode entities = lines.get(3).get("data").get("entities");
        assertTrue(entities.get("visitor_name").asText().startsWith("sha256:"), "names inside entities too");
        assertEquals("42", entities.get("apartment").asText(), "non-text fields are kept");
        assertEquals("vosk", lines.get(1).get("data").get("provider").asText());

        List<JsonNode> otherSalt = logTwoTranscriptsAndEntities(PrivacyMode.HASH, "salt2");
        assertNotEquals(first, otherSalt.get(1).get("data").get("text").asText(), "the salt matters");
        List<JsonNode> sameSalt = logTwoTranscriptsAndEntities(PrivacyMode.HASH, "pepper");
        assertEquals(first, sameSalt.get(1).get("data").get("text").asText(), "stable across managers");
    }

    @Test
    void omitLeavesTheFieldsOut() {
        List<JsonNode> lines = logTwoTranscriptsAndEntities(PrivacyMode.OMIT, null);
        JsonNode data = lines.get(1).get("data");
        assertFalse(data.has("text"));
        assertEquals(1, data.get("turn").asInt());
        assertEquals(100.0, data.get("duration_ms").asDouble());
        assertFalse(lines.get(3).get("data").get("entities").has("visitor_name"));
        assertEquals("42", lines.get(3).get("data").get("entities").get("apartment").asText());
    }

    @Test
    void parseAcceptsConfigSpellingsAndNamesBadValues() {
        assertEquals(PrivacyMode.HASH, PrivacyMode.parse(" hash "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PrivacyMode.parse("secret"));
        assertTrue(e.getMessage().contains("secret"));
    }

    @Test
    void hashWithoutSaltStillHashes() {
        List<JsonNode> lines = logTwoTranscriptsAndEntities(PrivacyMode.HASH, null);
        assertTrue(lines.get(1).get("data").get("text").asText().startsWith("sha256:"));
    }
}
