package dev.doorman.server.pipeline.intent;

import dev.doorman.server.pipeline.HttpEngineSettings;
import dev.doorman.server.pipeline.IntentExtractor;

import java.util.function.Function;

/** Builds the configured {@link IntentExtractor}; bad values fail here, naming the key. */
public final class IntentExtractorFactory {
    private final Function<String, String> env;

    /** @param env environment lookup (System::getenv in production) for {@code intent.chat.apiKeyEnv} */
    public IntentExtractorFactory(Function<String, String> env) {
        this.env = env;
    }

    public IntentExtractorFactory() {
        this(System::getenv);
    }

    /** @param spotter finds directory residents in free speech for the rules engine */
    public IntentExtractor create(IntentConfig config, NameSpotter spotter) {
        return create(config, spotter, apartment -> false);
    }

    /** @param knownApartment whether digits are an apartment of the building (settles misheard numbers) */
    public IntentExtractor create(IntentConfig config, NameSpotter spotter,
                                  java.util.function.Predicate<String> knownApartment) {
        SpokenNumberParser numbers;
        try {
            numbers = SpokenNumberParser.forLanguage(config.language());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("intent.language: " + e.getMessage(), e);
        }
        switch (config.engine()) {
            case IntentConfig.RULES -> {
                return new RuleIntentExtractor(config.effectiveRules(), numbers, spotter, knownApartment);
            }
            case IntentConfig.CHAT -> {
                IntentConfig.Chat chat = config.chat();
                return new ChatIntentExtractor(HttpEngineSettings.client("intent.chat", chat.baseUrl(), chat.apiKey(),
                        chat.apiKeyEnv(), chat.timeoutMs(), chat.attempts(), env), chat.model(), numbers);
            }
            default -> throw new IllegalArgumentException(
                    "intent.engine: unknown engine '" + config.engine() + "' (expected rules or chat)");
        }
    }
}
