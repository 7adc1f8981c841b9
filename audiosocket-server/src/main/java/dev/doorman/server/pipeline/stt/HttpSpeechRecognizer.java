package dev.doorman.server.pipeline.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Speech to text through an OpenAI-compatible {@code POST /v1/audio/transcriptions} server
 * (whisper.cpp server, faster-whisper servers, hosted APIs). Such servers take a whole file, so
 * the stream buffers the utterance and sends it as a WAV in {@link RecognitionStream#finish()}.
 */
public final class HttpSpeechRecognizer implements SpeechRecognizer {
    static final String STAGE = "transcription";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI endpoint;
    private final String model;
    private final String language;
    private final String apiKey;
    private final Duration timeout;

    /**
     * @param baseUrl  e.g. {@code http://127.0.0.1:8080} (the {@code /v1/audio/transcriptions} path is appended)
     * @param language ISO-639-1 hint, or null to let the server detect it
     * @param apiKey   sent as a Bearer token, or null
     */
    public HttpSpeechRecognizer(HttpClient client, String baseUrl, String model, String language,
                                String apiKey, Duration timeout) {
        this.client = client;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/audio/transcriptions");
        this.model = model;
        this.language = language;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public String provider() {
        return "http";
    }

    public URI endpoint() {
        return endpoint;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", form.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toBytes()));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = send(client, request.build(), STAGE, endpoint, timeout);
        JsonNode text;
        try {
            text = JSON.readTree(response.body()).get("text");
        } catch (IOException e) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE,
                    "unparseable response from " + endpoint + ": " + snippet(response.body()), e);
        }
        if (text == null || !text.isTextual()) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE,
                    "no \"text\" in response from " + endpoint + ": " + snippet(response.body()));
        }
        return new Transcript(text.asText(), Double.NaN);
    }

    /** Sends a request, mapping transport failures, timeouts and non-2xx answers to {@link StageException}. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request, String stage, URI endpoint,
                                     Duration timeout) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new StageException(stage, StageException.TIMEOUT,
                    "no answer from " + endpoint + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new StageException(stage, StageException.ENGINE,
                    "request to " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(stage, StageException.ENGINE, "interrupted waiting for " + endpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new StageException(stage, StageException.HTTP_STATUS,
                    "HTTP " + response.statusCode() + " from " + endpoint + ": " + snippet(response.body()));
        }
        return response;
    }

    static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    /** Collects the utterance; the request happens in {@link #finish()}. */
    private final class BufferedStream implements RecognitionStream {
        private final int sampleRate;
        private final java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
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
                pcm = java.util.Arrays.copyOf(pcm, pcm.length - 1);
            }
            return transcribe(new WavFile(sampleRate, pcm).toBytes());
        }

        @Override
        public void close() {
            done = true;
        }
    }
}
