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
import dev.doorman.server.pipeline.RecognitionVocabulary;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.intent.IntentExtractorFactory;
import dev.doorman.server.pipeline.stt.DirectoryGrammar;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentConfig;
import dev.doorman.server.resident.ResidentService;
import dev.doorman.server.access.AccessConfig;
import dev.doorman.server.ami.AmiClient;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every admitted call an {@link IntercomCallBehavior} and every other one the busy message
 * ({@link AdmissionControl}); holds what the calls share (the speech pipeline with its recognizer,
 * synthesizer and threads, the intent engine) and closes what it owns. Its meters (the pipeline's and
 * admission's) are bound with the server's. The building directory can be reloaded while calls go
 * on: a call keeps the directory it started with.
 */
public final class IntercomCallBehaviorFactory implements CallBehaviorFactory, MeterBinder, AutoCloseable {
    private static final Pattern KEY_PREFIX = Pattern.compile(
            "^((?:stt|tts|intent|directory|dialog|resident|access|conversation)(?:\\.[A-Za-z0-9\\[\\]]+)*)(?::| )");
    /** Stage threads when an engine is remote: most of a slice is waiting for the answer. */
    private static final int REMOTE_ENGINE_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /** Audio decoded at start-up to measure the recognizer. */
    private static final int CALIBRATION_SECONDS = 3;

    private final Conversations conversations;
    private final SpeechPipeline speech;
    private final AdmissionControl admission;
    private final String busyText;
    private final ResidentService residents;
    private final boolean ownsEngines;
    private final Path directoryPath;
    private final Function<BuildingDirectory, DialogSetup> setupFor;
    private final AtomicReference<DialogSetup> setup;

    public IntercomCallBehaviorFactory(SpeechPipeline speech, DialogSetup setup, ResidentService residents,
                                       AdmissionControl admission) {
        this(new Conversations(speech, admission, true), admission.config().busyText(), new AtomicReference<>(setup),
                residents, true, null, null);
    }

    private IntercomCallBehaviorFactory(Conversations conversations, String busyText,
                                        AtomicReference<DialogSetup> setup,
                                        ResidentService residents, boolean ownsEngines, Path directoryPath,
                                        Function<BuildingDirectory, DialogSetup> setupFor) {
        this.conversations = conversations;
        this.speech = conversations.speech();
        this.admission = conversations.admission();
        this.busyText = busyText;
        this.setup = setup;
        this.residents = residents;
        this.ownsEngines = ownsEngines;
        this.directoryPath = directoryPath;
        this.setupFor = setupFor;
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
        return fromConfig(sections, warmUpRate, DialogEngines.OWN);
    }

    /**
     * Like {@link #fromConfig(Function, int)}, with the speech engines and the manager connection
     * from {@code engines} (shared by the buildings of one server).
     */
    public static IntercomCallBehaviorFactory fromConfig(Function<String, JsonNode> sections, int warmUpRate,
                                                         DialogEngines engines) {
        try {
            return build(sections, warmUpRate, engines);
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

    private static IntercomCallBehaviorFactory build(Function<String, JsonNode> sections, int warmUpRate,
                                                     DialogEngines engines) {
        DialogConfig dialog = DialogConfig.from(sections.apply("dialog"));
        IntentConfig intent = IntentConfig.from(sections.apply("intent"));
        DirectoryConfig directoryConfig = DirectoryConfig.from(sections.apply("directory"));
        MatchThresholds thresholds = directoryConfig.thresholds();
        Path directoryPath = Path.of(directoryConfig.path());
        BuildingDirectory directory = new BuildingDirectoryLoader().load(directoryPath);
        NameSimilarity similarity = new NameSimilarity();
        IntentExtractorFactory extractors = new IntentExtractorFactory();
        List<String> intercomPhrases = new ArrayList<>(intent.effectiveRules().grammarPhrases());
        intercomPhrases.addAll(SpokenNumberParser.forLanguage(intent.language()).vocabulary());
        Function<String, List<String>> apartmentForms = intent.language().startsWith("en")
                ? SpokenApartmentNumbers::forms : apartment -> List.of();
        // Everything that depends on the directory, built again when it is reloaded.
        Function<BuildingDirectory, DialogSetup> setupFor = d -> new DialogSetup(dialog,
                extractors.create(intent, new DirectoryNameSpotter(d, similarity, thresholds.valid()),
                        apartment -> d.apartment(apartment).isPresent()),
                new FuzzyDirectoryValidator(d, similarity, thresholds), d,
                new RecognitionVocabulary(DirectoryGrammar.phrases(d, intercomPhrases, apartmentForms)));
        AtomicReference<DialogSetup> current = new AtomicReference<>(setupFor.apply(directory));
        SttConfig stt = SttConfig.from(sections.apply("stt"));
        TtsConfig tts = TtsConfig.from(sections.apply("tts"));
        ResidentConfig residentConfig = ResidentConfig.from(sections.apply("resident"));
        AccessConfig access = AccessConfig.from(sections.apply("access"));
        ConversationConfig conversation = ConversationConfig.from(sections.apply("conversation"));
        CachingSynthesizer synthesizer = engines.synthesizer(tts);
        SpeechRecognizer recognizer;
        try {
            recognizer = engines.recognizer(stt);
        } catch (RuntimeException e) {
            closeOwned(engines, synthesizer, null);
            throw e;
        }
        boolean remote = SttConfig.HTTP.equals(stt.engine()) || TtsConfig.HTTP.equals(tts.engine())
                || IntentConfig.CHAT.equals(intent.engine());
        Conversations conversations = engines.conversations(recognizer, synthesizer, conversation,
                conversation.effectiveThreads(remote, REMOTE_ENGINE_THREADS));
        SpeechPipeline speech = conversations.speech();
        ResidentService residents;
        try {
            recognizer.prepare(current.get().vocabulary());
            ResidentService.Engines legEngines = new ResidentService.Engines(speech,
                    () -> current.get().extractor(), () -> current.get().vocabulary());
            AmiClient sharedAmi = residentConfig.enabled() ? engines.ami(residentConfig.ami()) : null;
            residents = sharedAmi == null
                    ? ResidentService.create(residentConfig, access, legEngines, dialog.yesDigit(), dialog.noDigit())
                    : ResidentService.create(residentConfig, access, legEngines, dialog.yesDigit(), dialog.noDigit(),
                            sharedAmi);
        } catch (RuntimeException e) {
            if (engines.owned()) {
                speech.close();
            }
            closeOwned(engines, synthesizer, recognizer);
            throw e;
        }
        List<String> prompts = new ArrayList<>(dialog.fixedPrompts());
        prompts.add(conversation.admission().busyText());
        synthesizer.warmUp(prompts, warmUpRate);
        if (SttConfig.VOSK.equals(stt.engine()) && conversations.created()) {
            byte[] greeting = synthesizer.synthesize(String.join(" ", dialog.fixedPrompts()), warmUpRate).pcm();
            speech.calibrate(Arrays.copyOf(greeting, Math.min(greeting.length, CALIBRATION_SECONDS * warmUpRate * 2)),
                    warmUpRate);
        }
        return new IntercomCallBehaviorFactory(conversations, conversation.admission().busyText(), current, residents,
                engines.owned(), directoryPath, setupFor);
    }

    private static void closeOwned(DialogEngines engines, CachingSynthesizer synthesizer, SpeechRecognizer recognizer) {
        if (engines.owned()) {
            synthesizer.close();
            if (recognizer != null) {
                recognizer.close();
            }
        }
    }

    @Override
    public CallBehavior create(CallInfo call) {
        AdmissionControl.Decision decision = admission.admit();
        if (!decision.admitted()) {
            return new BusyBehavior(decision, speech.synthesizer(), busyText);
        }
        return new IntercomCallBehavior(speech, setup.get(), residents, decision.permit());
    }

    /** The pipeline every call's turns run on. */
    public SpeechPipeline speech() {
        return speech;
    }

    public AdmissionControl admission() {
        return admission;
    }

    /** Binds the pipeline's and admission's meters, once: a factory sharing them with another does not. */
    @Override
    public void bindTo(MeterRegistry registry) {
        if (conversations.created()) {
            speech.metrics().bindTo(registry);
            admission.bindTo(registry);
        }
    }

    /** What new calls get: the dialog's config, engines and the directory now in use. */
    public DialogSetup setup() {
        return setup.get();
    }

    /** The directory file ({@code directory.path}); null for a factory assembled from parts. */
    public Path directoryPath() {
        return directoryPath;
    }

    /**
     * Reads the directory file again and, when it is valid, gives it to the calls that start from
     * now on (calls in progress keep theirs); when it is not, nothing changes.
     *
     * @return the new directory
     * @throws DirectoryFormatException naming the file, line and field when the file is refused
     * @throws IllegalStateException    for a factory assembled from parts, without a directory file
     */
    public synchronized BuildingDirectory reloadDirectory() {
        if (setupFor == null) {
            throw new IllegalStateException("this dialog was not built from a directory file");
        }
        BuildingDirectory directory = new BuildingDirectoryLoader().load(directoryPath);
        DialogSetup next = setupFor.apply(directory);
        speech.recognizer().prepare(next.vocabulary());
        setup.set(next);
        return directory;
    }

    /** The resident leg: its connections for the server ({@link ResidentService#legs()}), meters, summary. */
    public ResidentService residents() {
        return residents;
    }

    @Override
    public void close() {
        try {
            residents.close();
            setup.get().extractor().close();
        } finally {
            if (ownsEngines) {
                speech.close();
                try {
                    speech.synthesizer().close();
                } finally {
                    speech.recognizer().close();
                }
            }
        }
    }
}
