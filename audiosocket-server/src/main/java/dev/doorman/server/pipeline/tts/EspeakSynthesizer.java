package dev.doorman.server.pipeline.tts;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech from an {@code espeak-ng} process (many languages, e.g. {@code pt-br}). The text goes in
 * on stdin (no shell, no argument parsing of caller text); the WAV (22050 Hz) comes back through a
 * temporary file, so a hung process can be killed at the timeout without a reader thread.
 */
public final class EspeakSynthesizer implements SpeechSynthesizer {
    static final String STAGE = "synthesis";

    private final String command;
    private final String voice;
    private final Integer speed;
    private final Duration timeout;

    /**
     * @throws StageException type "unavailable" if the command is not installed or does not run
     */
    public EspeakSynthesizer(String command, String voice, Integer speed, Duration timeout) {
        this.command = command;
        this.voice = voice;
        this.speed = speed;
        this.timeout = timeout;
        checkInstalled();
    }

    @Override
    public String provider() {
        return "espeak";
    }

    @Override
    public SynthesizedAudio synthesize(String text, int sampleRate) {
        SpeechSynthesizer.checkInput(text, sampleRate);
        List<String> args = new ArrayList<>(List.of(command, "-v", voice, "--stdout", "--stdin"));
        if (speed != null) {
            args.addAll(List.of("-s", Integer.toString(speed)));
        }
        Path wav = null;
        Path err = null;
        Process process = null;
        try {
            wav = Files.createTempFile("doorman-espeak-", ".wav");
            err = Files.createTempFile("doorman-espeak-", ".err");
            process = new ProcessBuilder(args).redirectOutput(wav.toFile()).redirectError(err.toFile()).start();
            try (OutputStream stdin = process.getOutputStream()) {
                // One line: espeak-ng would pause at newlines in the text.
                stdin.write(text.replaceAll("\\s+", " ").strip().getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StageException(STAGE, StageException.TIMEOUT,
                        command + " did not finish within " + timeout.toMillis() + " ms");
            }
            if (process.exitValue() != 0) {
                throw new StageException(STAGE, StageException.ENGINE, command + " exited with "
                        + process.exitValue() + ": " + Files.readString(err).strip());
            }
            WavFile out = WavFile.read(wav);
            if (out.pcm().length == 0) {
                throw new StageException(STAGE, StageException.ENGINE, command + " produced no audio for: " + text
                        + (Files.size(err) > 0 ? " (" + Files.readString(err).strip() + ")" : ""));
            }
            byte[] pcm = out.sampleRate() == sampleRate ? out.pcm()
                    : Resampler.convert(out.pcm(), out.sampleRate(), sampleRate);
            return new SynthesizedAudio(pcm, sampleRate, false);
        } catch (IOException e) {
            throw new StageException(STAGE, StageException.ENGINE, command + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(STAGE, StageException.ENGINE, "interrupted waiting for " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(wav);
            deleteQuietly(err);
        }
    }

    private void checkInstalled() {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StageException(STAGE, StageException.UNAVAILABLE, command + " --version did not answer");
            }
            if (p.exitValue() != 0) {
                throw new StageException(STAGE, StageException.UNAVAILABLE,
                        command + " --version exited with " + p.exitValue());
            }
        } catch (IOException e) {
            throw new StageException(STAGE, StageException.UNAVAILABLE, command
                    + " is not installed or not runnable (Debian: apt install espeak-ng): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(STAGE, StageException.UNAVAILABLE, "interrupted checking " + command, e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
