package dev.doorman.server.pipeline.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.http.EngineHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;

/**
 * Speech to text through an OpenAI-compatible {@code POST /v1/audio/transcriptions} server
 * (whisper.cpp server, faster-whisper servers, hosted APIs). Such servers take a whole file, so
 * the stream buffers the utterance and sends it as a WAV in {@link RecognitionStream#finish()}.
 * Failures, retries and the timeout budget are the {@link EngineHttpClient}'s.
 */
public final class HttpSpeechRecognizer implements SpeechRecognizer {
    static final String STAGE = "transcription";
    static final String PATH = "/v1/audio/transcriptions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineHttpClient client;
    private final String model;
    private final String language;

    /** @param language ISO-639-1 hint, or null to let the server detect it */
    public HttpSpeechRecognizer(EngineHttpClient client, String model, String language) {
        this.client = client;
        this.model = model;
        this.language = language;
    }

    @Override
    public String provider() {
        return "http";
    }

    public URI endpoint() {
        return client.endpoint(PATH);
    }

    @Override
    public RecognitionStream open(int sampleRate) {
        if (sampleRate <= 0) {
            throw new StageException(STAGE, StageException.BAD_INPUT, "sample rate must be positive: " + sampleRate);
        }
        return new BufferedStream(sampleRate);
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads are daemons.
    }

    /** Sends one WAV and returns its text. */
    Transcript transcribe(byte[] wav) {
        MultipartFormBody form = new MultipartFormBody()
                .file("file", "utterance.wav", "audio/wav", wav)
                .field("model", model)
                .field("response_format", "json");
        if (language != null) {
            form.field("language", language);
        }
        EngineHttpClient.Response response = client.post(STAGE, PATH, form.contentType(), "application/json",
                form.toBytes());
        JsonNode text;
        try {
            text = JSON.readTree(response.body()).get("text");
        } catch (IOException e) {
            throw EngineHttpClient.badResponse(STAGE, "unparseable response", endpoint(), response.body(), e);
        }
        if (text == null || !text.isTextual()) {
            throw EngineHttpClient.badResponse(STAGE, "no \"text\" in the response", endpoint(), response.body(), null);
        }
        return new Transcript(text.asText(), Double.NaN);
    }

    /** Collects the utterance; the request happens in {@link #finish()}. */
    private final class BufferedStream implements RecognitionStream {
        private final int sampleRate;
        private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        private boolean done;

        BufferedStream(int sampleRate) {
            this.sampleRate = sampleRate;
        }

        @Override
        public void accept(byte[] pcm, int off, int len) {
            if (done) {
                throw new IllegalStateException("recognition stream already finished or closed");
            }
            audio.write(pcm, off, len);
        }

        @Override
        public Transcript finish() {
            if (done) {
                throw new IllegalStateException("recognition stream already finished or closed");
            }
            done = true;
            byte[] pcm = audio.toByteArray();
            if (pcm.length % 2 != 0) {
                pcm = Arrays.copyOf(pcm, pcm.length - 1);
            }
            return transcribe(new WavFile(sampleRate, pcm).toBytes());
        }

        @Override
        public void close() {
            done = true;
        }
    }
}
