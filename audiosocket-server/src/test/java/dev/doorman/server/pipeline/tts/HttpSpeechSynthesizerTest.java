package dev.doorman.server.pipeline.tts;

import static dev.doorman.server.pipeline.PcmAssertions.amplitudeAt;
import static dev.doorman.server.pipeline.PcmAssertions.tone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.OpenAiCompatibleServer;
import dev.doorman.server.pipeline.OpenAiCompatibleServer.Answer;
import dev.doorman.server.pipeline.OpenAiCompatibleServer.Received;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.http.EngineHttpClient;
import dev.doorman.server.pipeline.http.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSpeechSynthesizerTest {
    private OpenAiCompatibleServer server;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiCompatibleServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSpeechSynthesizer tts(String format, String apiKey, Duration timeout) {
        return new HttpSpeechSynthesizer(new EngineHttpClient(HttpClient.newHttpClient(), server.baseUrl(), apiKey,
                RetryPolicy.of(1, timeout)), "tts-1", "nova", format);
    }

    @Test
    void postsJsonAndResamplesTheWavToTheCallRate() throws Exception {
        server.answer(Answer.bytes("audio/wav", new WavFile(22050, tone(440, 22050, 1.0, 8000)).toBytes()));

        SynthesizedAudio a = tts("wav", "sk-tts", Duration.ofSeconds(5)).synthesize("Olá, bom dia", 8000);

        assertEquals(8000, a.sampleRate());
        assertEquals(1000.0, a.durationMs(), 1.0);
        assertEquals(8000, amplitudeAt(java.util.Arrays.copyOfRange(a.pcm(), 4000, 12000), 8000, 440), 200);
        Received r = server.received().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/audio/speech", r.path());
        assertEquals("Bearer sk-tts", r.header("Authorization"));
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(r.bodyText());
        assertEquals("tts-1", body.get("model").asText());
        assertEquals("Olá, bom dia", body.get("input").asText());
        assertEquals("nova", body.get("voice").asText());
        assertEquals("wav", body.get("response_format").asText());
        assertEquals(4, body.size());
    }

    @Test
    void readsOpenAiRawPcmAs24kHz() {
        server.answer(Answer.bytes("audio/pcm", tone(300, 24000, 0.5, 5000)));
        SynthesizedAudio a = tts("pcm", null, Duration.ofSeconds(5)).synthesize("hi", 8000);
        assertEquals(500.0, a.durationMs(), 1.0);
        assertNull(server.received().get(0).header("Authorization"));
    }

    @Test
    void failuresAreTypedStageErrors() {
        HttpSpeechSynthesizer tts = tts("wav", null, Duration.ofMillis(400));

        server.answer(Answer.status(500, "{\"error\":\"voice not found\"}"));
        StageException status = assertThrows(StageException.class, () -> tts.synthesize("hi", 8000));
        assertEquals("synthesis", status.stage());
        assertEquals("http_status", status.errorType());
        assertTrue(status.getMessage().contains("500") && status.getMessage().contains("voice not found"));

        server.answer(Answer.bytes("audio/wav", "this is not audio".getBytes()));
        StageException garbage = assertThrows(StageException.class, () -> tts.synthesize("hi", 8000));
        assertEquals("bad_response", garbage.errorType());
        assertTrue(garbage.getMessage().contains("not a RIFF/WAVE"), garbage.getMessage());

        server.answer(Answer.bytes("audio/wav", new byte[0]));
        assertEquals("bad_response", assertThrows(StageException.class, () -> tts.synthesize("hi", 8000)).errorType());

        server.answer(Answer.stall());
        assertEquals("timeout", assertThrows(StageException.class, () -> tts.synthesize("hi", 8000)).errorType());
    }

    @Test
    void oddRawPcmIsABadResponse() {
        server.answer(Answer.bytes("audio/pcm", new byte[3]));
        assertEquals("bad_response", assertThrows(StageException.class,
                () -> tts("pcm", null, Duration.ofSeconds(5)).synthesize("hi", 8000)).errorType());
    }

    @Test
    void onlyWavAndPcmAreSupported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tts("mp3", null, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("tts.http.responseFormat"), e.getMessage());
    }
}
