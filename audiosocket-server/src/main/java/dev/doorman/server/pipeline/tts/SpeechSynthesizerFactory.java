package dev.doorman.server.pipeline.tts;

import dev.doorman.server.pipeline.HttpEngineSettings;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Builds the configured {@link SpeechSynthesizer}, wrapped in a {@link CachingSynthesizer}
 * (always: even with {@code maxEntries: 0} and no dir it just passes through). Bad values fail
 * here, naming the key.
 */
public final class SpeechSynthesizerFactory {
    private final Function<String, String> env;

    /** @param env environment lookup (System::getenv in production) for {@code tts.http.apiKeyEnv} */
    public SpeechSynthesizerFactory(Function<String, String> env) {
        this.env = env;
    }

    public SpeechSynthesizerFactory() {
        this(System::getenv);
    }

    /**
     * @throws IllegalArgumentException for a bad config value (the message names the key)
     * @throws dev.doorman.server.pipeline.StageException type "unavailable" if the engine cannot run here
     */
    public CachingSynthesizer create(TtsConfig config) {
        int maxEntries = config.cache().maxEntries();
        if (maxEntries < 0) {
            throw new IllegalArgumentException("tts.cache.maxEntries must not be negative: " + maxEntries);
        }
        Path dir = config.cache().dir() == null || config.cache().dir().isBlank() ? null : Path.of(config.cache().dir());
        SpeechSynthesizer engine = createEngine(config);
        return new CachingSynthesizer(engine, engine.provider() + "/" + config.voiceOrDefault(), maxEntries, dir);
    }

    /** The engine alone, without the cache. */
    public SpeechSynthesizer createEngine(TtsConfig config) {
        String voice = config.voiceOrDefault();
        switch (config.engine()) {
            case TtsConfig.FREETTS -> {
                return new FreeTtsSynthesizer(voice,
                        HttpEngineSettings.requirePositive(config.freetts().voices(), "tts.freetts.voices"));
            }
            case TtsConfig.ESPEAK -> {
                TtsConfig.Espeak espeak = config.espeak();
                if (espeak.speed() != null && (espeak.speed() < 80 || espeak.speed() > 450)) {
                    throw new IllegalArgumentException("tts.espeak.speed: expected 80..450 words per minute, got "
                            + espeak.speed());
                }
                Duration timeout = Duration.ofMillis(
                        HttpEngineSettings.requirePositive(espeak.timeoutMs(), "tts.espeak.timeoutMs"));
                return new EspeakSynthesizer(espeak.command(), voice, espeak.speed(), timeout);
            }
            case TtsConfig.HTTP -> {
                TtsConfig.Http http = config.http();
                return new HttpSpeechSynthesizer(HttpEngineSettings.client("tts.http", http.baseUrl(), http.apiKey(),
                        http.apiKeyEnv(), http.timeoutMs(), http.attempts(), env), http.model(), voice,
                        http.responseFormat());
            }
            default -> throw new IllegalArgumentException(
                    "tts.engine: unknown engine '" + config.engine() + "' (expected freetts, espeak or http)");
        }
    }
}
