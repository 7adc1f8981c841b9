package dev.doorman.server.pipeline.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.pipeline.IntentExtractor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }

    @Test
    void defaultsAreEnglishRules() {
        IntentConfig config = IntentConfig.from(null);
        assertEquals("rules", config.engine());
        assertEquals(IntentRules.english(), config.effectiveRules());
        IntentExtractor extractor = new IntentExtractorFactory(k -> null).create(config, NameSpotter.NONE);
        assertInstanceOf(RuleIntentExtractor.class, extractor);
    }

    @Test
    void configuredListsOverrideOnlyThemselves() throws IOException {
        IntentConfig config = IntentConfig.from(yaml("""
                language: en
                rules:
                  apartmentWords: [door]
                """));
        assertEquals(List.of("door"), config.effectiveRules().apartmentWords());
        assertEquals(IntentRules.english().intents(), config.effectiveRules().intents());
    }

    @Test
    void unknownKeyAndBadValuesNameTheKey() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntentConfig.from(yaml("chat:\n  modle: x\n")));
        assertTrue(e.getMessage().startsWith("intent.chat.modle"), e.getMessage());
        IntentExtractorFactory factory = new IntentExtractorFactory(k -> null);
        e = assertThrows(IllegalArgumentException.class,
                () -> factory.create(IntentConfig.from(yaml("engine: chat\n")), NameSpotter.NONE));
        assertEquals("intent.chat.baseUrl is required for the http engine", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> factory.create(IntentConfig.from(yaml("engine: magic\n")), NameSpotter.NONE));
        assertEquals("intent.engine: unknown engine 'magic' (expected rules or chat)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> factory.create(IntentConfig.from(yaml("language: fr\n")), NameSpotter.NONE));
        assertTrue(e.getMessage().startsWith("intent.language: unsupported language 'fr'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> factory.create(
                IntentConfig.from(yaml("engine: chat\nchat: {baseUrl: 'http://127.0.0.1:1', timeoutMs: 0}\n")),
                NameSpotter.NONE));
        assertEquals("intent.chat.timeoutMs must be positive: 0", e.getMessage());
    }

    @Test
    void chatEngineIsBuilt() throws IOException {
        IntentExtractor extractor = new IntentExtractorFactory(Map.of("KEY", "sk")::get).create(IntentConfig.from(
                yaml("engine: chat\nchat: {baseUrl: 'http://127.0.0.1:11434', apiKeyEnv: KEY}\n")), NameSpotter.NONE);
        assertEquals("chat", extractor.provider());
    }

    @Test
    void sampleConfigsBind() throws IOException {
        for (String file : List.of("../samples/config.yaml", "../samples/config-pt-BR.yaml")) {
            JsonNode root = YAML.readTree(Path.of(file).toFile());
            IntentConfig config = IntentConfig.from(root.get("intent"));
            assertEquals("rules", config.engine(), file);
            new IntentExtractorFactory(k -> null).create(config, NameSpotter.NONE);
            IntentRules defaults = IntentRules.defaults(config.language());
            assertEquals(defaults.intents(), config.effectiveRules().intents(), file + " shows the defaults");
            assertEquals(defaults.visitorNamePhrases(), config.effectiveRules().visitorNamePhrases(), file);
            assertEquals(defaults.residentNamePhrases(), config.effectiveRules().residentNamePhrases(), file);
            assertEquals(defaults.apartmentWords(), config.effectiveRules().apartmentWords(), file);
        }
    }
}
