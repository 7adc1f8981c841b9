package dev.doorman.server.pipeline.intent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code intent} config section.
 *
 * <pre>
 * intent:
 *   engine: rules          # rules (default, offline) | chat (OpenAI-compatible / Ollama chat completions)
 *   language: en           # en | pt-BR: spoken-number words and the default rules
 *   rules:                 # any list left out keeps the language's default
 *     intents: {visit: [visit, see], delivery: [package, parcel], ...}
 *     visitorNamePhrases: [my name is, this is, i'm]
 *     residentNamePhrases: [to visit, to see, for]
 *     apartmentWords: [apartment, apt, unit]
 *     stopWords: [...]
 *     numberHomophones: {free: three, for: four}   # read as digits after an apartment word
 *   chat:
 *     baseUrl: http://127.0.0.1:11434   # Ollama; any server with POST /v1/chat/completions
 *     model: llama3.2
 *     apiKey: ...                       # or apiKeyEnv: OPENAI_API_KEY
 *     timeoutMs: 3000                   # the whole request, retries included
 *     attempts: 2                       # tries on unreachable servers, 408/425/429/5xx answers
 * </pre>
 */
public record IntentConfig(String engine, String language, Rules rules, Chat chat) {
    public static final String RULES = "rules";
    public static final String CHAT = "chat";

    public IntentConfig {
        engine = engine == null || engine.isBlank() ? RULES : engine.strip().toLowerCase(Locale.ROOT);
        language = language == null || language.isBlank() ? "en" : language.strip();
        rules = rules == null ? new Rules(null, null, null, null, null, null) : rules;
        chat = chat == null ? new Chat(null, null, null, null, null, null) : chat;
    }

    public static IntentConfig defaults() {
        return new IntentConfig(null, null, null, null);
    }

    /** Binds the raw {@code intent} section; errors name the key, e.g. {@code intent.chat.timeoutMs}. */
    public static IntentConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("intent", section, IntentConfig.class);
    }

    /** The rules in effect: the configured lists over the language's defaults. */
    public IntentRules effectiveRules() {
        IntentRules defaults = IntentRules.defaults(language);
        return new IntentRules(
                rules.intents() == null ? defaults.intents() : rules.intents(),
                rules.visitorNamePhrases() == null ? defaults.visitorNamePhrases() : rules.visitorNamePhrases(),
                rules.residentNamePhrases() == null ? defaults.residentNamePhrases() : rules.residentNamePhrases(),
                rules.apartmentWords() == null ? defaults.apartmentWords() : rules.apartmentWords(),
                rules.stopWords() == null ? defaults.stopWords() : rules.stopWords(),
                rules.numberHomophones() == null ? defaults.numberHomophones() : rules.numberHomophones());
    }

    /** Overrides of {@link IntentRules}; null = the language default. */
    public record Rules(Map<String, List<String>> intents, List<String> visitorNamePhrases,
                        List<String> residentNamePhrases, List<String> apartmentWords, List<String> stopWords,
                        Map<String, String> numberHomophones) {
    }

    /** The chat-completion engine; {@code baseUrl} is required when {@code engine: chat}. */
    public record Chat(String baseUrl, String model, String apiKey, String apiKeyEnv, Integer timeoutMs,
                       Integer attempts) {
        public Chat {
            model = model == null || model.isBlank() ? "llama3.2" : model.strip();
            timeoutMs = timeoutMs == null ? 3000 : timeoutMs;
            attempts = attempts == null ? 2 : attempts;
        }
    }
}
