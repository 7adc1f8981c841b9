package dev.doorman.server.pipeline.stt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.OpenAiCompatibleServer;
import dev.doorman.server.pipeline.OpenAiCompatibleServer.Answer;
import dev.doorman.server.pipeline.OpenAiCompatibleServer.Received;
import dev.doorman.server.pipeline.PcmAssertions;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.http.EngineHttpClient;
import dev.doorman.server.pipeline.http.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSpeechRecognizerTest {
    private OpenAiCompatibleServer server;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiCompatibleServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSpeechRecognizer recognizer(String apiKey, String language, Duration timeout) {
        return new HttpSpeechRecognizer(new EngineHttpClient(HttpClient.newHttpClient(), server.baseUrl() + "/", apiKey,
                RetryPolicy.of(1, timeout)), "whisper-1", language);
    }

    private static Transcript send(HttpSpeechRecognizer r, byte[] pcm, int rate) {
        try (RecognitionStream s = r.open(rate)) {
            for (int i = 0; i < pcm.length; i += 320) {
                s.accept(pcm, i, Math.min(320, pcm.length - i));
            }
            return s.finish();
        }
    }

    @Test
    void postsTheUtteranceAsAMultipartWavAndReadsTheText() throws Exception {
        server.answer(Answer.json("{\"text\":\" Apartment three oh two, please. \"}"));
        byte[] pcm = PcmAssertions.tone(440, 8000, 0.5, 3000);

        Transcript t = send(recognizer("sk-test", "en", Duration.ofSeconds(5)), pcm, 8000);

        assertEquals("Apartment three oh two, please.", t.text());
        assertTrue(Double.isNaN(t.confidence()));
        Received r = server.received().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/audio/transcriptions", r.path());
        assertEquals("Bearer sk-test", r.header("Authorization"));
        assertTrue(r.header("Content-Type").startsWith("multipart/form-data; boundary="));
        assertEquals("whisper-1", r.parts().get("model").text());
        assertEquals("en", r.parts().get("language").text());
        assertEquals("json", r.parts().get("response_format").text());
        OpenAiCompatibleServer.Part file = r.parts().get("file");
        assertEquals("utterance.wav", file.fileName());
        assertEquals("audio/wav", file.contentType());
        WavFile wav = WavFile.read(new ByteArrayInputStream(file.content()), "upload");
        assertEquals(8000, wav.sampleRate());
        assertArrayEquals(pcm, wav.pcm());
    }

    @Test
    void leavesOutLanguageAndAuthWhenNotConfigured() {
        server.answer(Answer.json("{\"text\":\"hello\"}"));
        assertEquals("hello", send(recognizer(null, null, Duration.ofSeconds(5)), new byte[3200], 16000).text());
        Received r = server.received().get(0);
        assertNull(r.header("Authorization"));
        assertNull(r.parts().get("language"));
    }

    @Test
    void aServerErrorIsAnHttpStatusFailureWithTheBody() {
        server.answer(Answer.status(500, "{\"error\":{\"message\":\"model not loaded\"}}"));
        StageException e = assertThrows(StageException.class,
                () -> send(recognizer(null, null, Duration.ofSeconds(5)), new byte[320], 8000));
        assertEquals("transcription", e.stage());
        assertEquals("http_status", e.errorType());
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("model not loaded"), e.getMessage());
    }

    @Test
    void aSlowServerTimesOut() {
        server.answer(Answer.stall());
        StageException e = assertThrows(StageException.class,
                () -> send(recognizer(null, null, Duration.ofMillis(300)), new byte[320], 8000));
        assertEquals("timeout", e.errorType());
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
    }

    @Test
    void garbageOrAnswersWithoutTextAreBadResponses() {
        HttpSpeechRecognizer r = recognizer(null, null, Duration.ofSeconds(5));
        server.answer(Answer.bytes("text/html", "<html>gateway</html>".getBytes()));
        StageException html = assertThrows(StageException.class, () -> send(r, new byte[320], 8000));
        assertEquals("bad_response", html.errorType());
        assertTrue(html.getMessage().contains("<html>gateway</html>"), html.getMessage());

        server.answer(Answer.json("{\"transcript\":\"hi\"}"));
        assertEquals("bad_response", assertThrows(StageException.class, () -> send(r, new byte[320], 8000)).errorType());
        server.answer(Answer.json("{\"text\":42}"));
        assertEquals("bad_response", assertThrows(StageException.class, () -> send(r, new byte[320], 8000)).errorType());
    }

    @Test
    void anUnreachableServerIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpSpeechRecognizer r = new HttpSpeechRecognizer(new EngineHttpClient(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + port, null, RetryPolicy.of(1, Duration.ofSeconds(2))), "whisper-1", null);
        StageException e = assertThrows(StageException.class, () -> send(r, new byte[320], 8000));
        assertEquals("unavailable", e.errorType());
    }

    @Test
    void aStreamIsSentOnce() {
        server.answer(Answer.json("{\"text\":\"x\"}"));
        RecognitionStream s = recognizer(null, null, Duration.ofSeconds(5)).open(8000);
        s.finish();
        assertThrows(IllegalStateException.class, s::finish);
        assertThrows(IllegalStateException.class, () -> s.accept(new byte[2], 0, 2));
        assertEquals(1, server.received().size());
    }
}
