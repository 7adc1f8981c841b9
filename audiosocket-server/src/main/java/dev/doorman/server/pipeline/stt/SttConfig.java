package dev.doorman.server.pipeline.stt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

/**
 * The {@code stt} config section.
 *
 * <pre>
 * stt:
 *   engine: vosk            # vosk (default, offline) | http (OpenAI-compatible /v1/audio/transcriptions)
 *   language: en            # sent to HTTP servers; Vosk's language is its model's
 *   vosk:
 *     modelDir: /models/vosk-model-small-pt-0.3   # default: the bundled en-us model
 *     resample: true        # true (default): convert to the model's rate in Java; false: feed the
 *                           # call's rate and let Kaldi upsample (the bundled model allows it)
 *     grammar: true         # decode directory answers (resident, apartment, yes/no) with the directory grammar
 *     alternatives: 0       # n-best readings of free decoding, re-scored against the directory
 *     cacheDir: /tmp        # where the bundled model is extracted when running from the jar
 *   http:
 *     baseUrl: http://127.0.0.1:8080
 *     model: whisper-1
 *     apiKey: ...           # or apiKeyEnv: OPENAI_API_KEY
 *     timeoutMs: 10000      # the whole request, retries included
 *     attempts: 2           # tries on unreachable servers, 408/425/429/5xx answers
 * </pre>
 */
public record SttConfig(String engine, String language, Vosk vosk, Http http) {
    public static final String VOSK = "vosk";
    public static final String HTTP = "http";

    public SttConfig {
        engine = engine == null || engine.isBlank() ? VOSK : engine.strip().toLowerCase(java.util.Locale.ROOT);
        language = language == null || language.isBlank() ? null : language.strip();
        vosk = vosk == null ? Vosk.defaults() : vosk;
        http = http == null ? Http.defaults() : http;
    }

    public static SttConfig defaults() {
        return new SttConfig(null, null, null, null);
    }

    /** Binds the raw {@code stt} section; errors name the key, e.g. {@code stt.http.timeoutMs}. */
    public static SttConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("stt", section, SttConfig.class);
    }

    /**
     * @param modelDir a Vosk model directory (contains am/, conf/, graph/); null = the bundled en-us model
     * @param resample     true (default, also when null): convert in Java; false: feed lower rates as is
     *                     for Kaldi to upsample ({@code --allow-upsample=true} in the model's mfcc.conf)
     * @param grammar      use the directory grammar for directory answers (default true)
     * @param alternatives n-best list size of free decoding (default 0)
     * @param cacheDir where the bundled model is extracted when it is inside a jar; null = java.io.tmpdir
     */
    public record Vosk(String modelDir, Boolean resample, String cacheDir, Boolean grammar, Integer alternatives) {
        public Vosk {
            grammar = grammar == null ? Boolean.TRUE : grammar;
            alternatives = alternatives == null ? 0 : alternatives;
            if (alternatives < 0 || alternatives > 20) {
                throw new IllegalArgumentException("stt.vosk.alternatives must be 0..20, got " + alternatives);
            }
        }

        public Vosk(String modelDir, Boolean resample, String cacheDir) {
            this(modelDir, resample, cacheDir, null, null);
        }

        public static Vosk defaults() {
            return new Vosk(null, null, null, null, null);
        }
    }

    /**
     * @param apiKeyEnv name of an environment variable holding the key, used when apiKey is unset
     * @param timeoutMs the longest a turn waits for the transcript, retries included
     * @param attempts  tries in all (the first and its retries)
     */
    public record Http(String baseUrl, String model, String apiKey, String apiKeyEnv, Integer timeoutMs,
                       Integer attempts) {
        public Http {
            model = model == null || model.isBlank() ? "whisper-1" : model;
            timeoutMs = timeoutMs == null ? 10_000 : timeoutMs;
            attempts = attempts == null ? 2 : attempts;
        }

        public static Http defaults() {
            return new Http(null, null, null, null, null, null);
        }
    }
}
