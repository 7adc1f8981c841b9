package dev.doorman.server.call;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A recorded prompt loaded from a WAV file once, converted to each call rate on first use and
 * cached (calls at 8 kHz and 16 kHz share one file).
 */
public final class PromptFile {
    /** The bundled English greeting. */
    public static final String BUNDLED_GREETING = "classpath:prompts/greeting.wav";

    private final String source;
    private final WavFile wav;
    private final Map<Integer, byte[]> byRate = new ConcurrentHashMap<>();

    private PromptFile(String source, WavFile wav) {
        this.source = source;
        this.wav = wav;
        byRate.put(wav.sampleRate(), wav.pcm());
    }

    /**
     * @param location a file path, or {@code classpath:name} for a bundled resource
     * @throws IOException when it cannot be read or is not mono 16-bit PCM WAV (message names it)
     */
    public static PromptFile load(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            try (InputStream in = PromptFile.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException(location + ": no such bundled resource");
                }
                return new PromptFile(location, WavFile.read(in, location));
            }
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new IOException(location + ": no such file");
        }
        return new PromptFile(location, WavFile.read(path));
    }

    public static PromptFile of(String name, WavFile wav) {
        return new PromptFile(name, wav);
    }

    /** The prompt's samples at {@code sampleRate} (16-bit LE mono). */
    public byte[] pcm(int sampleRate) {
        return byRate.computeIfAbsent(sampleRate, rate -> Resampler.convert(wav.pcm(), wav.sampleRate(), rate));
    }

    public double durationMs() {
        return wav.durationMs();
    }

    public String source() {
        return source;
    }
}
