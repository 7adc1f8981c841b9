package dev.doorman.server.e2e;

import dev.doorman.server.testing.Requirement;
import dev.doorman.server.audio.WavFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


/** Real 8 kHz speech for end-to-end calls: Debian's Allison prompts (tests skip when absent). */
final class SpeechFiles {
    static final Path ALLISON = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");

    private SpeechFiles() {
    }

    /** An Allison prompt, e.g. {@code hello-world}; the test is skipped when the sounds are not installed. */
    static Path allison(String name) {
        Path wav = ALLISON.resolve(name + ".wav");
        Requirement.require(Files.isRegularFile(wav), "Allison prompts not installed (" + wav + ")");
        return wav;
    }

    /** {@code leadMs} of silence, the prompt, then {@code tailMs} of silence. */
    static WavFile padded(Path prompt, int leadMs, int tailMs) throws IOException {
        WavFile wav = WavFile.read(prompt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(silence(wav.sampleRate(), leadMs));
        out.writeBytes(wav.pcm());
        out.writeBytes(silence(wav.sampleRate(), tailMs));
        return new WavFile(wav.sampleRate(), out.toByteArray());
    }

    static WavFile silence(int ms) {
        return new WavFile(8000, silence(8000, ms));
    }

    private static byte[] silence(int rate, int ms) {
        return new byte[rate * ms / 1000 * 2];
    }

    /** Samples louder than a quiet room: how much of a signal is sound rather than silence. */
    static long loudSamples(byte[] pcm) {
        long n = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int s = (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
            if (Math.abs(s) > 300) {
                n++;
            }
        }
        return n;
    }
}
