package dev.doorman.server.pipeline.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.pipeline.SpeechRecognizer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SttConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void defaultsToTheBundledVoskModelWithJavaResamplingAndTheDirectoryGrammar() {
        SttConfig c = SttConfig.from(null);
        assertEquals("vosk", c.engine());
        assertNull(c.vosk().modelDir());
        assertNull(c.vosk().resample()); // unset: Java resampling
        assertTrue(c.vosk().grammar());
        assertEquals(0, c.vosk().alternatives());
        assertEquals(10_000, c.http().timeoutMs());
        assertEquals("whisper-1", c.http().model());
    }

    @Test
    void bindsTheHttpSection() throws Exception {
        SttConfig c = SttConfig.from(yaml("""
                engine: HTTP
                language: pt
                http:
                  baseUrl: http://127.0.0.1:9000
                  model: large-v3
                  apiKeyEnv: STT_KEY
                  timeoutMs: "2500"
                """));
        assertEquals("http", c.engine());
        assertEquals("pt", c.language());
        assertEquals("http://127.0.0.1:9000", c.http().baseUrl());
        assertEquals(2500, c.http().timeoutMs());

        SpeechRecognizer r = new SpeechRecognizerFactory(Map.of("STT_KEY", "k")::get).create(c);
        assertInstanceOf(HttpSpeechRecognizer.class, r);
        assertEquals("http://127.0.0.1:9000/v1/audio/transcriptions", ((HttpSpeechRecognizer) r).endpoint().toString());
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() throws Exception {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> SttConfig.from(yaml("vosk:\n  modeldir: /x\n")));
        assertTrue(typo.getMessage().startsWith("stt.vosk.modeldir"), typo.getMessage());

        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> SttConfig.from(yaml("http:\n  timeoutMs: soon\n")));
        assertTrue(type.getMessage().startsWith("stt.http.timeoutMs"), type.getMessage());

        IllegalArgumentException notMap = assertThrows(IllegalArgumentException.class,
                () -> SttConfig.from(yaml("- vosk\n")));
        assertTrue(notMap.getMessage().startsWith("stt:"), notMap.getMessage());
    }

    @Test
    void theFactoryRejectsBadEngineSettings() throws Exception {
        SpeechRecognizerFactory factory = new SpeechRecognizerFactory(name -> null);
        assertMessage("stt.engine: unknown engine 'google'", () -> factory.create(SttConfig.from(yaml("engine: google"))));
        assertMessage("stt.http.baseUrl is required", () -> factory.create(SttConfig.from(yaml("engine: http"))));
        assertMessage("stt.http.baseUrl: expected an http(s) URL",
                () -> factory.create(SttConfig.from(yaml("engine: http\nhttp: {baseUrl: 'ftp://x'}"))));
        assertMessage("stt.http.timeoutMs must be positive",
                () -> factory.create(SttConfig.from(yaml("engine: http\nhttp: {baseUrl: 'http://x', timeoutMs: 0}"))));
        assertMessage("stt.http.apiKeyEnv: environment variable NOPE is not set",
                () -> factory.create(SttConfig.from(yaml("engine: http\nhttp: {baseUrl: 'http://x', apiKeyEnv: NOPE}"))));
        assertMessage("stt.vosk.modelDir: /does/not/exist is not a directory",
                () -> factory.create(SttConfig.from(yaml("vosk: {modelDir: /does/not/exist}"))));
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(prefix), ex.getMessage());
    }
}
