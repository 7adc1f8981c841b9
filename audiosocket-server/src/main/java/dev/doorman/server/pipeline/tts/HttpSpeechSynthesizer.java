package dev.doorman.server.pipeline.tts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.http.EngineHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Speech from an OpenAI-compatible {@code POST /v1/audio/speech} server. Asks for {@code wav}
 * (any rate, read from the header) or {@code pcm} (OpenAI's raw 24 kHz 16-bit little-endian
 * mono) and resamples to the call's rate. Failures, retries and the timeout budget are the
 * {@link EngineHttpClient}'s.
 */
public final class HttpSpeechSynthesizer implements SpeechSynthesizer {
    static final String STAGE = "synthesis";
    static final String PATH = "/v1/audio/speech";
    /** The rate of OpenAI's {@code response_format: pcm}. */
    static final int OPENAI_PCM_RATE = 24_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineHttpClient client;
    private final String model;
    private final String voice;
    private final String responseFormat;

    /** @param responseFormat "wav" or "pcm" */
    public HttpSpeechSynthesizer(EngineHttpClient client, String model, String voice, String responseFormat) {
        if (!responseFormat.equals("wav") && !responseFormat.equals("pcm")) {
            throw new IllegalArgumentException("tts.http.responseFormat: expected wav or pcm, got " + responseFormat);
        }
        this.client = client;
        this.model = model;
        this.voice = voice;
        this.responseFormat = responseFormat;
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
        EngineHttpClient.Response response = client.post(STAGE, PATH, "application/json", null,
                body.toString().getBytes(StandardCharsets.UTF_8));
        WavFile audio = decode(response.body());
        byte[] pcm = audio.sampleRate() == sampleRate ? audio.pcm()
                : Resampler.convert(audio.pcm(), audio.sampleRate(), sampleRate);
        return new SynthesizedAudio(pcm, sampleRate, false);
    }

    private WavFile decode(byte[] body) {
        if (body.length == 0) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE, "empty audio from " + client.endpoint(PATH));
        }
        if (responseFormat.equals("pcm")) {
            if (body.length % 2 != 0) {
                throw new StageException(STAGE, StageException.BAD_RESPONSE,
                        "odd byte count " + body.length + " for 16-bit pcm from " + client.endpoint(PATH));
            }
            return new WavFile(OPENAI_PCM_RATE, body);
        }
        try {
            return WavFile.read(new ByteArrayInputStream(body), client.endpoint(PATH).toString());
        } catch (IOException e) {
            throw EngineHttpClient.badResponse(STAGE, "not a 16-bit mono WAV (" + e.getMessage() + ")",
                    client.endpoint(PATH), body, e);
        }
    }
}
