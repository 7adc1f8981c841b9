package dev.doorman.server.pipeline.tts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Speech from an OpenAI-compatible {@code POST /v1/audio/speech} server. Asks for {@code wav}
 * (any rate, read from the header) or {@code pcm} (OpenAI's raw 24 kHz 16-bit little-endian
 * mono) and resamples to the call's rate.
 */
public final class HttpSpeechSynthesizer implements SpeechSynthesizer {
    static final String STAGE = "synthesis";
    /** The rate of OpenAI's {@code response_format: pcm}. */
    static final int OPENAI_PCM_RATE = 24_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI endpoint;
    private final String model;
    private final String voice;
    private final String responseFormat;
    private final String apiKey;
    private final Duration timeout;

    /** @param responseFormat "wav" or "pcm" */
    public HttpSpeechSynthesizer(HttpClient client, String baseUrl, String model, String voice,
                                 String responseFormat, String apiKey, Duration timeout) {
        if (!responseFormat.equals("wav") && !responseFormat.equals("pcm")) {
            throw new IllegalArgumentException("tts.http.responseFormat: expected wav or pcm, got " + responseFormat);
        }
        this.client = client;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/audio/speech");
        this.model = model;
        this.voice = voice;
        this.responseFormat = responseFormat;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public String provider() {
        return "http";
    }

    @Override
    public SynthesizedAudio synthesize(String text, int sampleRate) {
        SpeechSynthesizer.checkInput(text, sampleRate);
        ObjectNode body = JSON.createObjectNode()
                .put("model", model).put("input", text).put("voice", voice).put("response_format", responseFormat);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new StageException(STAGE, StageException.TIMEOUT,
                    "no answer from " + endpoint + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new StageException(STAGE, StageException.ENGINE, "request to " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(STAGE, StageException.ENGINE, "interrupted waiting for " + endpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new StageException(STAGE, StageException.HTTP_STATUS, "HTTP " + response.statusCode()
                    + " from " + endpoint + ": " + snippet(response.body()));
        }
        WavFile audio = decode(response.body());
        byte[] pcm = audio.sampleRate() == sampleRate ? audio.pcm()
                : Resampler.convert(audio.pcm(), audio.sampleRate(), sampleRate);
        return new SynthesizedAudio(pcm, sampleRate, false);
    }

    private WavFile decode(byte[] body) {
        if (body.length == 0) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE, "empty audio from " + endpoint);
        }
        if (responseFormat.equals("pcm")) {
            if (body.length % 2 != 0) {
                throw new StageException(STAGE, StageException.BAD_RESPONSE,
                        "odd byte count " + body.length + " for 16-bit pcm from " + endpoint);
            }
            return new WavFile(OPENAI_PCM_RATE, body);
        }
        try {
            return WavFile.read(new ByteArrayInputStream(body), endpoint.toString());
        } catch (IOException e) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE,
                    "not a 16-bit mono WAV from " + endpoint + ": " + e.getMessage() + ": " + snippet(body), e);
        }
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("[^\\p{Print}]", "?").replaceAll("\\s+", " ").strip();
        return body.length > 200 ? s + "..." : s;
    }
}
