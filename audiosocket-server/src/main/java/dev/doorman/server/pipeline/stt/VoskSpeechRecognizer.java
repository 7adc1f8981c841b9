package dev.doorman.server.pipeline.stt;

import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.RecognitionVocabulary;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline speech recognition with Vosk (Kaldi). The model is loaded once, here, and shared by all
 * calls; each utterance gets its own {@link VoskRecognitionStream} (Vosk recognizers are not
 * thread-safe, the model is).
 *
 * <p><b>Rates.</b> Audio at another rate than the model's (from {@code conf/mfcc.conf}) is
 * converted in Java by default. With {@code resample: false} lower rates are fed as is and Kaldi
 * upsamples inside its feature extraction (the model must allow it: the build adds
 * {@code --allow-upsample=true} to the bundled model). Measured: Kaldi's way makes fewer word
 * errors on Allison's recorded prompts, but reached the right resident less often on the
 * telephone-band visitor corpus, which is what the doorman is for (docs/benchmarks.md).
 *
 * <p><b>Directory grammar.</b> After {@link #useDirectory}, {@link #open(int, RecognitionHints)}
 * decodes a resident/apartment or yes/no answer with the {@link DirectoryGrammar} only (a fraction
 * of the CPU of free decoding), the visitor's own name freely, and an open first turn both ways
 * on the same audio (the grammar reading becomes the transcript's alternative).
 */
public final class VoskSpeechRecognizer implements SpeechRecognizer {
    private static final Logger LOG = LoggerFactory.getLogger(VoskSpeechRecognizer.class);
    private static final Pattern SAMPLE_FREQUENCY = Pattern.compile("^--sample-frequency=(\\d+)", Pattern.MULTILINE);
    private static final Pattern ALLOW_UPSAMPLE = Pattern.compile("^--allow-upsample=true\\s*$", Pattern.MULTILINE);

    private final Path modelDir;
    private final Model model;
    private final int modelRate;
    private final boolean kaldiUpsamples;
    private final boolean grammarEnabled;
    private final int alternatives;
    private volatile DirectoryGrammar grammar;
    /** Grammars built from the buildings' vocabularies; one goes when its directory is replaced and forgotten. */
    private final Map<RecognitionVocabulary, DirectoryGrammar> grammars = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param modelDir a Vosk model directory
     * @param resample convert input to the model's rate in Java (true or null), or feed lower
     *                 rates as is for Kaldi to upsample (false)
     * @throws StageException stage "transcription", type "engine", if the model cannot be loaded
     */
    public VoskSpeechRecognizer(Path modelDir, Boolean resample) {
        this(modelDir, resample, true, 0);
    }

    /**
     * @param grammar      decode with the directory grammar where the dialog expects directory
     *                     answers (once {@link #useDirectory} was called)
     * @param alternatives n-best readings of free decoding kept as alternatives (0 = none)
     */
    public VoskSpeechRecognizer(Path modelDir, Boolean resample, boolean grammar, int alternatives) {
        VoskModelLocator.requireModel(modelDir, "Vosk model");
        this.modelDir = modelDir;
        this.modelRate = readModelRate(modelDir);
        boolean allowsUpsample = allowsUpsample(modelDir);
        if (Boolean.FALSE.equals(resample) && !allowsUpsample) {
            LOG.warn("stt.vosk.resample is false but {} has no --allow-upsample=true: calls below {} Hz will fail",
                    modelDir.resolve("conf/mfcc.conf"), modelRate);
        }
        this.kaldiUpsamples = Boolean.FALSE.equals(resample);
        this.grammarEnabled = grammar;
        this.alternatives = alternatives;
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        try {
            this.model = new Model(modelDir.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "cannot load Vosk model from " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds (or rebuilds, when the directory is reloaded) the grammar used for directory answers.
     * Streams already open keep the grammar they started with.
     *
     * @param intercomPhrases what visitors say around names and numbers, number words included
     * @param apartmentForms  the spoken forms of an apartment number, for the model's language
     * @return the new grammar (its {@code droppedWords()} are names the model cannot say)
     */
    public DirectoryGrammar useDirectory(BuildingDirectory directory, Collection<String> intercomPhrases,
                                         Function<String, List<String>> apartmentForms) {
        DirectoryGrammar built = grammarFrom(DirectoryGrammar.phrases(directory, intercomPhrases, apartmentForms));
        this.grammar = built;
        return built;
    }

    @Override
    public void prepare(RecognitionVocabulary vocabulary) {
        if (grammarEnabled && vocabulary != null) {
            grammarOf(vocabulary);
        }
    }

    /** How many buildings' grammars are built and still in use. */
    int preparedGrammars() {
        return grammars.size();
    }

    // One model serves several buildings: each call decodes with its own building's grammar.
    private DirectoryGrammar grammarOf(RecognitionVocabulary vocabulary) {
        return grammars.computeIfAbsent(vocabulary, v -> grammarFrom(v.phrases()));
    }

    private DirectoryGrammar grammarFrom(List<String> phrases) {
        VoskVocabulary known = new VoskVocabulary(model);
        DirectoryGrammar built = DirectoryGrammar.build(phrases, known::contains);
        if (!built.droppedWords().isEmpty()) {
            LOG.info("directory grammar: {} phrases; words the model does not know (heard only by free decoding): {}",
                    built.phrases().size(), built.droppedWords());
        }
        return built;
    }

    /** The grammar in use, or null before {@link #useDirectory}. */
    public DirectoryGrammar grammar() {
        return grammar;
    }

    @Override
    public String provider() {
        return "vosk";
    }

    public Path modelDir() {
        return modelDir;
    }

    /** The rate the model's features are computed at (16000 for the bundled en-us model). */
    public int modelRate() {
        return modelRate;
    }

    @Override
    public RecognitionStream open(int sampleRate) {
        if (sampleRate <= 0) {
            throw new StageException("transcription", StageException.BAD_INPUT,
                    "sample rate must be positive: " + sampleRate);
        }
        return open(sampleRate, RecognitionHints.NONE);
    }

    @Override
    public RecognitionStream open(int sampleRate, RecognitionHints hints) {
        if (sampleRate <= 0) {
            throw new StageException("transcription", StageException.BAD_INPUT,
                    "sample rate must be positive: " + sampleRate);
        }
        int feedRate = sampleRate < modelRate && kaldiUpsamples ? sampleRate : modelRate;
        DirectoryGrammar g = !grammarEnabled ? null
                : hints.vocabulary() != null ? grammarOf(hints.vocabulary()) : grammar;
        List<VoskDecoder> decoders = new ArrayList<>(2);
        try {
            switch (g == null ? RecognitionHints.Expectation.NAME : hints.expectation()) {
                case DIRECTORY, YES_NO -> decoders.add(new VoskDecoder(model, feedRate, g.json(), 0));
                case ANY -> {
                    decoders.add(new VoskDecoder(model, feedRate, null, alternatives));
                    decoders.add(new VoskDecoder(model, feedRate, g.json(), 0));
                }
                case NAME -> decoders.add(new VoskDecoder(model, feedRate, null, alternatives));
            }
        } catch (StageException e) {
            decoders.forEach(VoskDecoder::close);
            throw e;
        }
        return new VoskRecognitionStream(decoders, sampleRate, feedRate);
    }

    @Override
    public void close() {
        model.close();
    }

    /** Whether Kaldi resamples lower rates itself ({@code --allow-upsample=true} in {@code conf/mfcc.conf}). */
    public boolean kaldiUpsamples() {
        return kaldiUpsamples;
    }

    static boolean allowsUpsample(Path modelDir) {
        Path mfcc = modelDir.resolve("conf/mfcc.conf");
        try {
            return Files.isRegularFile(mfcc) && ALLOW_UPSAMPLE.matcher(Files.readString(mfcc)).find();
        } catch (IOException e) {
            return false;
        }
    }

    static int readModelRate(Path modelDir) {
        Path mfcc = modelDir.resolve("conf/mfcc.conf");
        try {
            if (Files.isRegularFile(mfcc)) {
                Matcher m = SAMPLE_FREQUENCY.matcher(Files.readString(mfcc));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "cannot read the sample rate from " + mfcc + ": " + e.getMessage(), e);
        }
        return 16_000; // Kaldi's default --sample-frequency
    }
}
