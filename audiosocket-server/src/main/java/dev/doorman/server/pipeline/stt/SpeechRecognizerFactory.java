package dev.doorman.server.pipeline.stt;

import dev.doorman.server.pipeline.HttpEngineSettings;
import dev.doorman.server.pipeline.SpeechRecognizer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** Builds the configured {@link SpeechRecognizer}; bad values fail here, naming the key. */
public final class SpeechRecognizerFactory {
    private final Function<String, String> env;

    /** @param env environment lookup (System::getenv in production) for {@code stt.http.apiKeyEnv} */
    public SpeechRecognizerFactory(Function<String, String> env) {
        this.env = env;
    }

    public SpeechRecognizerFactory() {
        this(System::getenv);
    }

    /**
     * @throws IllegalArgumentException for a bad config value (the message names the key)
     * @throws dev.doorman.server.pipeline.StageException if the engine cannot start (e.g. the model does not load)
     */
    public SpeechRecognizer create(SttConfig config) {
        switch (config.engine()) {
            case SttConfig.VOSK -> {
                Path modelDir = VoskModelLocator.forConfig(config.vosk()).locate(config.vosk().modelDir());
                return new VoskSpeechRecognizer(modelDir, config.vosk().resample(), config.vosk().grammar(),
                        config.vosk().alternatives());
            }
            case SttConfig.HTTP -> {
                SttConfig.Http http = config.http();
                String baseUrl = HttpEngineSettings.requireBaseUrl(http.baseUrl(), "stt.http.baseUrl");
                Duration timeout = Duration.ofMillis(
                        HttpEngineSettings.requirePositive(http.timeoutMs(), "stt.http.timeoutMs"));
                String apiKey = HttpEngineSettings.resolveApiKey(http.apiKey(), http.apiKeyEnv(),
                        "stt.http.apiKeyEnv", env);
                HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
                return new HttpSpeechRecognizer(client, baseUrl, http.model(), config.language(), apiKey, timeout);
            }
            default -> throw new IllegalArgumentException(
                    "stt.engine: unknown engine '" + config.engine() + "' (expected vosk or http)");
        }
    }
}
