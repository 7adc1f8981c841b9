package dev.doorman.server.pipeline.stt;

import dev.doorman.server.pipeline.HttpEngineSettings;
import dev.doorman.server.pipeline.SpeechRecognizer;
import java.nio.file.Path;
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
                return new HttpSpeechRecognizer(HttpEngineSettings.client("stt.http", http.baseUrl(), http.apiKey(),
                        http.apiKeyEnv(), http.timeoutMs(), http.attempts(), env), http.model(), config.language());
            }
            default -> throw new IllegalArgumentException(
                    "stt.engine: unknown engine '" + config.engine() + "' (expected vosk or http)");
        }
    }
}
