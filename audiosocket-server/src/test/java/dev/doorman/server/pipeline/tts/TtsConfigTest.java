package dev.doorman.server.pipeline.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtsConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void defaultsToFreeTtsKevinWithAMemoryCache() {
        TtsConfig c = TtsConfig.from(null);
        assertEquals("freetts", c.engine());
        assertEquals("kevin", c.voiceOrDefault());
        assertEquals(256, c.cache().maxEntries());
        assertNull(c.cache().dir());
        assertEquals("espeak-ng", c.espeak().command());
        assertEquals("wav", c.http().responseFormat());
    }

    @Test
    void eachEngineHasItsDefaultVoice() throws Exception {
        assertEquals("en-us", TtsConfig.from(yaml("engine: espeak")).voiceOrDefault());
        assertEquals("alloy", TtsConfig.from(yaml("engine: http")).voiceOrDefault());
        assertEquals("pt-br", TtsConfig.from(yaml("engine: espeak\nvoice: pt-br")).voiceOrDefault());
    }

    @Test
    void theFactoryBuildsTheEngineBehindTheCache() throws Exception {
        SpeechSynthesizerFactory factory = new SpeechSynthesizerFactory(Map.of("TTS_KEY", "k")::get);
        CachingSynthesizer http = factory.create(TtsConfig.from(yaml("""
                engine: http
                voice: nova
                http: {baseUrl: "http://127.0.0.1:8880", apiKeyEnv: TTS_KEY, responseFormat: pcm}
                """)));
        assertEquals("http", http.provider());
        assertInstanceOf(FreeTtsSynthesizer.class, factory.createEngine(TtsConfig.defaults()));
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        SpeechSynthesizerFactory factory = new SpeechSynthesizerFactory(name -> null);
        assertMessage("tts.engine: unknown engine 'polly'", () -> factory.create(TtsConfig.from(yaml("engine: polly"))));
        assertMessage("tts.voice: unknown FreeTTS voice 'alan'", () -> factory.create(TtsConfig.from(yaml("voice: alan"))));
        assertMessage("tts.cache.maxEntries must not be negative",
                () -> factory.create(TtsConfig.from(yaml("cache: {maxEntries: -3}"))));
        assertMessage("tts.cache.maxEntries", () -> TtsConfig.from(yaml("cache: {maxEntries: many}")));
        assertMessage("tts.cache.size", () -> TtsConfig.from(yaml("cache: {size: 3}")));
        assertMessage("tts.http.baseUrl is required", () -> factory.create(TtsConfig.from(yaml("engine: http"))));
        assertMessage("tts.http.responseFormat: expected wav or pcm",
                () -> factory.create(TtsConfig.from(yaml("engine: http\nhttp: {baseUrl: 'http://x', responseFormat: mp3}"))));
        assertMessage("tts.espeak.speed: expected 80..450",
                () -> factory.create(TtsConfig.from(yaml("engine: espeak\nespeak: {speed: 5}"))));
        assertMessage("tts.espeak.timeoutMs must be positive",
                () -> factory.create(TtsConfig.from(yaml("engine: espeak\nespeak: {timeoutMs: -1}"))));
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(prefix), ex.getMessage());
    }
}
