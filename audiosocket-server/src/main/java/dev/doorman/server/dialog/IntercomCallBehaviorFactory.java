package dev.doorman.server.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallBehaviorFactory;
import dev.doorman.server.call.CallInfo;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.intent.IntentExtractorFactory;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.stt.VoskSpeechRecognizer;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.BuildingDirectoryLoader;
import dev.doorman.server.pipeline.validation.DirectoryConfig;
import dev.doorman.server.pipeline.validation.DirectoryFormatException;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.FuzzyDirectoryValidator;
import dev.doorman.server.pipeline.validation.MatchThresholds;
import dev.doorman.server.pipeline.validation.NameSimilarity;

import dev.doorman.server.pipeline.intent.SpokenApartmentNumbers;
import dev.doorman.server.pipeline.intent.SpokenNumberParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every call an {@link IntercomCallBehavior}; owns the engines the calls share (the speech
 * recognizer with its model, the synthesizer with its phrase cache, the intent engine) and closes them.
 */
public final class IntercomCallBehaviorFactory implements CallBehaviorFactory, AutoCloseable {
    private static final Pattern KEY_PREFIX =
            Pattern.compile("^((?:stt|tts|intent|directory|dialog)(?:\\.[A-Za-z0-9\\[\\]]+)*)(?::| )");

    private final SpeechRecognizer recognizer;
    private final SpeechSynthesizer synthesizer;
    private final DialogSetup setup;

    public IntercomCallBehaviorFactory(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer, DialogSetup setup) {
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.setup = setup;
    }

    /**
     * True when the {@code dialog} section says {@code enabled: true}.
     *
     * @throws ConfigException naming the key when the section is invalid
     */
    public static boolean enabled(JsonNode dialogSection) {
        try {
            return DialogConfig.from(dialogSection).enabled();
        } catch (IllegalArgumentException e) {
            throw asConfigException(e);
        }
    }

    /**
     * Builds the whole pipeline from the config sections {@code stt}, {@code tts}, {@code intent},
     * {@code directory} and {@code dialog}, and synthesizes the fixed prompts once so that the
     * greeting plays at once.
     *
     * @param sections     the raw section by name (e.g. {@code ServerConfig::section})
     * @param warmUpRate   the sample rate calls usually have (8000 for {@code slin})
     * @throws ConfigException naming the config key (or the directory file) on bad config, or when an
     *                         engine cannot start (e.g. {@code stt.vosk.modelDir} has no model)
     */
    public static IntercomCallBehaviorFactory fromConfig(Function<String, JsonNode> sections, int warmUpRate) {
        try {
            return build(sections, warmUpRate);
        } catch (DirectoryFormatException e) {
            throw new ConfigException("directory.path", e.getMessage(), e);
        } catch (StageException e) {
            throw new ConfigException(e.stage().equals("synthesis") ? "tts" : "stt", e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw asConfigException(e);
        }
    }

    // Binder messages start with the key ("intent.chat.timeoutMs must be positive: 0"): split it off.
    private static ConfigException asConfigException(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = KEY_PREFIX.matcher(message);
        if (m.find()) {
            return new ConfigException(m.group(1), message.substring(m.end()).strip(), e);
        }
        return new ConfigException("dialog", message, e);
    }

    private static IntercomCallBehaviorFactory build(Function<String, JsonNode> sections, int warmUpRate) {
        DialogConfig dialog = DialogConfig.from(sections.apply("dialog"));
        IntentConfig intent = IntentConfig.from(sections.apply("intent"));
        DirectoryConfig directoryConfig = DirectoryConfig.from(sections.apply("directory"));
        MatchThresholds thresholds = directoryConfig.thresholds();
        BuildingDirectory directory = new BuildingDirectoryLoader().load(Path.of(directoryConfig.path()));
        NameSimilarity similarity = new NameSimilarity();
        FuzzyDirectoryValidator validator = new FuzzyDirectoryValidator(directory, similarity, thresholds);
        var extractor = new IntentExtractorFactory().create(intent,
                new DirectoryNameSpotter(directory, similarity, thresholds.valid()),
                apartment -> directory.apartment(apartment).isPresent());
        SttConfig stt = SttConfig.from(sections.apply("stt"));
        TtsConfig tts = TtsConfig.from(sections.apply("tts"));
        CachingSynthesizer synthesizer = new SpeechSynthesizerFactory().create(tts);
        SpeechRecognizer recognizer;
        try {
            recognizer = new SpeechRecognizerFactory().create(stt);
        } catch (RuntimeException e) {
            synthesizer.close();
            throw e;
        }
        if (recognizer instanceof VoskSpeechRecognizer vosk) {
            List<String> phrases = new ArrayList<>(intent.effectiveRules().grammarPhrases());
            phrases.addAll(SpokenNumberParser.forLanguage(intent.language()).vocabulary());
            vosk.useDirectory(directory, phrases, intent.language().startsWith("en")
                    ? SpokenApartmentNumbers::forms : apartment -> List.of());
        }
        synthesizer.warmUp(dialog.fixedPrompts(), warmUpRate);
        return new IntercomCallBehaviorFactory(recognizer, synthesizer,
                new DialogSetup(dialog, extractor, validator, directory));
    }

    @Override
    public CallBehavior create(CallInfo call) {
        return new IntercomCallBehavior(recognizer, synthesizer, setup);
    }

    public DialogSetup setup() {
        return setup;
    }

    @Override
    public void close() {
        try {
            setup.extractor().close();
        } finally {
            try {
                synthesizer.close();
            } finally {
                recognizer.close();
            }
        }
    }
}
