package dev.doorman.server.pipeline.stt;

import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Offline speech recognition with Vosk (Kaldi). The model is loaded once, here, and shared by all
 * calls; each utterance gets its own {@link VoskRecognitionStream} (Vosk recognizers are not
 * thread-safe, the model is).
 *
 * <p>Audio is fed at the model's own rate (from {@code conf/mfcc.conf}): with {@code resample}
 * on (the default) other rates are converted in Java, so 8 kHz calls work with the stock 16 kHz
 * model without patching its {@code --allow-upsample}; with it off, audio is fed at the call's
 * rate and the model must accept it.
 */
public final class VoskSpeechRecognizer implements SpeechRecognizer {
    private static final Pattern SAMPLE_FREQUENCY = Pattern.compile("^--sample-frequency=(\\d+)", Pattern.MULTILINE);

    private final Path modelDir;
    private final Model model;
    private final int modelRate;
    private final boolean resample;

    /**
     * @param modelDir a Vosk model directory
     * @param resample convert input to the model's rate (true) or feed it as is (false)
     * @throws StageException stage "transcription", type "engine", if the model cannot be loaded
     */
    public VoskSpeechRecognizer(Path modelDir, boolean resample) {
        VoskModelLocator.requireModel(modelDir, "Vosk model");
        this.modelDir = modelDir;
        this.resample = resample;
        this.modelRate = readModelRate(modelDir);
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        try {
            this.model = new Model(modelDir.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "cannot load Vosk model from " + modelDir + ": " + e.getMessage(), e);
        }
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
        int feedRate = resample ? modelRate : sampleRate;
        return new VoskRecognitionStream(model, sampleRate, feedRate);
    }

    @Override
    public void close() {
        model.close();
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
