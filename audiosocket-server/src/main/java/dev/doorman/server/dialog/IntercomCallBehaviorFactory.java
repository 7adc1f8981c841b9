package dev.doorman.server.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallBehaviorFactory;
import dev.doorman.server.call.CallInfo;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.intent.IntentExtractorFactory;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.BuildingDirectoryLoader;
import dev.doorman.server.pipeline.validation.DirectoryConfig;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.FuzzyDirectoryValidator;
import dev.doorman.server.pipeline.validation.MatchThresholds;
import dev.doorman.server.pipeline.validation.NameSimilarity;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Gives every call an {@link IntercomCallBehavior}; owns the engines the calls share (the speech
 * recognizer with its model, the synthesizer with its phrase cache, the intent engine) and closes them.
 */
public final class IntercomCallBehaviorFactory implements CallBehaviorFactory, AutoCloseable {
    private final SpeechRecognizer recognizer;
    private final SpeechSynthesizer synthesizer;
    private final DialogSetup setup;

    public IntercomCallBehaviorFactory(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer, DialogSetup setup) {
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.setup = setup;
    }

    /** True when the {@code dialog} section says {@code enabled: true}. */
    public static boolean enabled(JsonNode dialogSection) {
        return DialogConfig.from(dialogSection).enabled();
    }

    /**
     * Builds the whole pipeline from the config sections {@code stt}, {@code tts}, {@code intent},
     * {@code directory} and {@code dialog}, and synthesizes the fixed prompts once so that the
     * greeting plays at once.
     *
     * @param sections     the raw section by name (e.g. {@code ServerConfig::section})
     * @param warmUpRate   the sample rate calls usually have (8000 for {@code slin})
     * @throws IllegalArgumentException naming the config key or the directory file on bad config
     */
    public static IntercomCallBehaviorFactory fromConfig(Function<String, JsonNode> sections, int warmUpRate) {
        DialogConfig dialog = DialogConfig.from(sections.apply("dialog"));
        IntentConfig intent = IntentConfig.from(sections.apply("intent"));
        DirectoryConfig directoryConfig = DirectoryConfig.from(sections.apply("directory"));
        MatchThresholds thresholds = directoryConfig.thresholds();
        BuildingDirectory directory = new BuildingDirectoryLoader().load(Path.of(directoryConfig.path()));
        NameSimilarity similarity = new NameSimilarity();
        FuzzyDirectoryValidator validator = new FuzzyDirectoryValidator(directory, similarity, thresholds);
        var extractor = new IntentExtractorFactory().create(intent,
                new DirectoryNameSpotter(directory, similarity, thresholds.valid()));
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
