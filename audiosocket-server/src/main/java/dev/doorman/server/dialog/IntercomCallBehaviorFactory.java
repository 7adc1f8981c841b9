package dev.doorman.server.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.admission.AdmissionControl;
import dev.doorman.server.admission.BusyBehavior;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallBehaviorFactory;
import dev.doorman.server.call.CallInfo;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.conversation.ConversationConfig;
import dev.doorman.server.conversation.SpeechPipeline;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.intent.IntentExtractorFactory;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.stt.VoskSpeechRecognizer;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentConfig;
import dev.doorman.server.resident.ResidentService;
import dev.doorman.server.access.AccessConfig;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every admitted call an {@link IntercomCallBehavior} and every other one the busy message
 * ({@link AdmissionControl}); owns what the calls share (the speech pipeline with its recognizer,
 * synthesizer and threads, the intent engine) and closes it. Its meters (the pipeline's and
 * admission's) are bound with the server's.
 */
public final class IntercomCallBehaviorFactory implements CallBehaviorFactory, MeterBinder, AutoCloseable {
    private static final Pattern KEY_PREFIX = Pattern.compile(
            "^((?:stt|tts|intent|directory|dialog|resident|access|conversation)(?:\\.[A-Za-z0-9\\[\\]]+)*)(?::| )");
    /** Stage threads when an engine is remote: most of a slice is waiting for the answer. */
    private static final int REMOTE_ENGINE_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /** Audio decoded at start-up to measure the recognizer. */
    private static final int CALIBRATION_SECONDS = 3;

    private final SpeechPipeline speech;
    private final DialogSetup setup;
    private final ResidentService residents;
    private final AdmissionControl admission;

    public IntercomCallBehaviorFactory(SpeechPipeline speech, DialogSetup setup, ResidentService residents,
                                       AdmissionControl admission) {
        this.speech = speech;
        this.setup = setup;
        this.residents = residents;
        this.admission = admission;
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
     * {@code directory}, {@code dialog}, {@code resident}, {@code access} and {@code conversation},
     * synthesizes the fixed prompts once so that the greeting plays at once, and decodes the greeting
     * once with a local recognizer so that its cost (admission's capacity) is known before the first call. With {@code resident.enabled} the
     * manager (AMI) connection starts here; give {@link #legs()} to the server.
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
        ConversationConfig conversation = ConversationConfig.from(sections.apply("conversation"));
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
        boolean remote = SttConfig.HTTP.equals(stt.engine()) || TtsConfig.HTTP.equals(tts.engine())
                || IntentConfig.CHAT.equals(intent.engine());
        SpeechPipeline speech = SpeechPipeline.create(recognizer, synthesizer,
                conversation.effectiveThreads(remote, REMOTE_ENGINE_THREADS));
        ResidentService residents;
        try {
            residents = ResidentService.create(ResidentConfig.from(sections.apply("resident")),
                    AccessConfig.from(sections.apply("access")), new ResidentService.Engines(speech, extractor),
                    dialog.yesDigit(), dialog.noDigit());
        } catch (RuntimeException e) {
            speech.close();
            synthesizer.close();
            recognizer.close();
            throw e;
        }
        AdmissionControl admission = new AdmissionControl(conversation.admission(), speech.load());
        List<String> prompts = new ArrayList<>(dialog.fixedPrompts());
        prompts.add(conversation.admission().busyText());
        synthesizer.warmUp(prompts, warmUpRate);
        if (SttConfig.VOSK.equals(stt.engine())) {
            byte[] greeting = synthesizer.synthesize(String.join(" ", dialog.fixedPrompts()), warmUpRate).pcm();
            speech.calibrate(Arrays.copyOf(greeting, Math.min(greeting.length, CALIBRATION_SECONDS * warmUpRate * 2)),
                    warmUpRate);
        }
        return new IntercomCallBehaviorFactory(speech, new DialogSetup(dialog, extractor, validator, directory),
                residents, admission);
    }

    @Override
    public CallBehavior create(CallInfo call) {
        AdmissionControl.Decision decision = admission.admit();
        if (!decision.admitted()) {
            return new BusyBehavior(decision, speech.synthesizer(), admission.config().busyText());
        }
        return new IntercomCallBehavior(speech, setup, residents, decision.permit());
    }

    /** The pipeline every call's turns run on. */
    public SpeechPipeline speech() {
        return speech;
    }

    public AdmissionControl admission() {
        return admission;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        speech.metrics().bindTo(registry);
        admission.bindTo(registry);
    }

    public DialogSetup setup() {
        return setup;
    }

    /** The resident leg: its connections for the server ({@link ResidentService#legs()}), meters, summary. */
    public ResidentService residents() {
        return residents;
    }

    @Override
    public void close() {
        try {
            residents.close();
            setup.extractor().close();
        } finally {
            speech.close();
            try {
                speech.synthesizer().close();
            } finally {
                speech.recognizer().close();
            }
        }
    }
}
