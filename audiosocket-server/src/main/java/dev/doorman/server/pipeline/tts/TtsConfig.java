package dev.doorman.server.pipeline.tts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;
import java.util.Locale;

/**
 * The {@code tts} config section.
 *
 * <pre>
 * tts:
 *   engine: freetts         # freetts (default, offline, English) | espeak (espeak-ng process) | http
 *   voice: kevin            # freetts: kevin (8 kHz) | kevin16; espeak: en-us, pt-br, ...; http: alloy, ...
 *   freetts:
 *     voices: 2             # syntheses at once, one allocated voice each (default: one per CPU core)
 *   cache:
 *     maxEntries: 256       # in-memory sentence cache (0 disables)
 *     dir: /var/cache/doorman/tts   # optional: also keep phrases on disk across restarts
 *   espeak:
 *     command: espeak-ng
 *     speed: 160            # words per minute, optional
 *     timeoutMs: 10000
 *   http:
 *     baseUrl: http://127.0.0.1:8880
 *     model: tts-1
 *     apiKey: ...           # or apiKeyEnv: OPENAI_API_KEY
 *     responseFormat: wav   # wav | pcm (OpenAI's pcm: 24 kHz 16-bit little-endian mono)
 *     timeoutMs: 10000      # the whole request, retries included
 *     attempts: 2           # tries on unreachable servers, 408/425/429/5xx answers
 * </pre>
 */
public record TtsConfig(String engine, String voice, FreeTts freetts, Cache cache, Espeak espeak, Http http) {
    public static final String FREETTS = "freetts";
    public static final String ESPEAK = "espeak";
    public static final String HTTP = "http";

    public TtsConfig {
        engine = engine == null || engine.isBlank() ? FREETTS : engine.strip().toLowerCase(Locale.ROOT);
        voice = voice == null || voice.isBlank() ? null : voice.strip();
        freetts = freetts == null ? FreeTts.defaults() : freetts;
        cache = cache == null ? Cache.defaults() : cache;
        espeak = espeak == null ? Espeak.defaults() : espeak;
        http = http == null ? Http.defaults() : http;
    }

    public static TtsConfig defaults() {
        return new TtsConfig(null, null, null, null, null, null);
    }

    /** Binds the raw {@code tts} section; errors name the key, e.g. {@code tts.cache.maxEntries}. */
    public static TtsConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("tts", section, TtsConfig.class);
    }

    /** The configured voice, or the engine's default. */
    public String voiceOrDefault() {
        if (voice != null) {
            return voice;
        }
        return switch (engine) {
            case ESPEAK -> "en-us";
            case HTTP -> "alloy";
            default -> "kevin";
        };
    }

    /** @param voices FreeTTS voices allocated, so that as many syntheses run at once */
    public record FreeTts(Integer voices) {
        public FreeTts {
            voices = voices == null ? Runtime.getRuntime().availableProcessors() : voices;
        }

        public static FreeTts defaults() {
            return new FreeTts(null);
        }
    }

    /** @param maxEntries phrases kept in memory (0 = no memory cache); @param dir optional disk cache */
    public record Cache(Integer maxEntries, String dir) {
        public Cache {
            maxEntries = maxEntries == null ? 256 : maxEntries;
        }

        public static Cache defaults() {
            return new Cache(null, null);
        }
    }

    public record Espeak(String command, Integer speed, Integer timeoutMs) {
        public Espeak {
            command = command == null || command.isBlank() ? "espeak-ng" : command.strip();
            timeoutMs = timeoutMs == null ? 10_000 : timeoutMs;
        }

        public static Espeak defaults() {
            return new Espeak(null, null, null);
        }
    }

    public record Http(String baseUrl, String model, String apiKey, String apiKeyEnv, String responseFormat,
                       Integer timeoutMs, Integer attempts) {
        public Http {
            model = model == null || model.isBlank() ? "tts-1" : model;
            responseFormat = responseFormat == null || responseFormat.isBlank()
                    ? "wav" : responseFormat.strip().toLowerCase(Locale.ROOT);
            timeoutMs = timeoutMs == null ? 10_000 : timeoutMs;
            attempts = attempts == null ? 2 : attempts;
        }

        public static Http defaults() {
            return new Http(null, null, null, null, null, null, null);
        }
    }
}
