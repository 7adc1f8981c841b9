package dev.doorman.server.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.pipeline.validation.DirectoryConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialogConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void defaultsAreDisabledEnglish() {
        DialogConfig config = DialogConfig.from(null);
        assertFalse(config.enabled());
        assertEquals(3, config.maxAttempts());
        assertEquals(DialogPrompts.ENGLISH, config.prompts());
        assertTrue(config.fixedPrompts().contains(DialogPrompts.ENGLISH.greeting()));
        assertFalse(config.fixedPrompts().contains(DialogPrompts.ENGLISH.confirm()), "templates are not fixed");
    }

    @Test
    void aPromptLeftOutKeepsItsDefault() throws IOException {
        DialogConfig config = DialogConfig.from(YAML.readTree("prompts:\n  goodbye: Bye now.\n"));
        assertEquals("Bye now.", config.prompts().goodbye());
        assertEquals(DialogPrompts.ENGLISH.greeting(), config.prompts().greeting());
    }

    @Test
    void badKeysAndValuesNameTheKey() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DialogConfig.from(YAML.readTree("prompts:\n  greting: hi\n")));
        assertTrue(e.getMessage().startsWith("dialog.prompts.greting"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DialogConfig.from(YAML.readTree("maxAttempts: 0\n")));
        assertTrue(e.getMessage().contains("dialog.maxAttempts must be at least 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DirectoryConfig.from(
                YAML.readTree("validThreshold: 0.5\nconfirmThreshold: 0.9\n")).thresholds());
        assertTrue(e.getMessage().startsWith("directory: "), e.getMessage());
    }

    @Test
    void sampleConfigsBindAndSpeakTheirLanguage() throws IOException {
        JsonNode english = YAML.readTree(Path.of("../samples/config.yaml").toFile());
        DialogConfig en = DialogConfig.from(english.get("dialog"));
        assertEquals(DialogPrompts.ENGLISH, en.prompts(), "samples/config.yaml shows the defaults");
        assertTrue(en.enabled());
        assertEquals("directory.json", DirectoryConfig.from(english.get("directory")).path(), "next to the config file");

        JsonNode portuguese = YAML.readTree(Path.of("../samples/config-pt-BR.yaml").toFile());
        DialogConfig pt = DialogConfig.from(portuguese.get("dialog"));
        assertEquals('1', pt.yesDigit());
        assertEquals("Desculpe, pode repetir?", pt.prompts().fallback());
        assertEquals("Moram Ana e Bia no apartamento 302. Qual deles você vai visitar?",
                PromptTemplate.render(pt.prompts().ambiguous(), Map.of("alternatives", "Ana e Bia", "apartment", "302")));
    }

    @Test
    void templatesNeverShowBraces() {
        assertEquals("Did you say Ana?", PromptTemplate.render("Did you say {resident}{unknown}?", Map.of("resident", "Ana")));
        assertEquals("Calling apartment.", PromptTemplate.render("Calling apartment {apartment}.", Map.of()));
    }
}
