package dev.doorman.server.pipeline.vad;

import dev.doorman.server.testing.Requirement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.audio.WavFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real speech: Allison's one-phrase prompts padded with 1 s of -60 dBFS noise on both sides. */
class AllisonSpeechTest {
    private static final Path DIR = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");

    @ParameterizedTest
    @ValueSource(strings = {"auth-thankyou", "all-circuits-busy-now", "activated", "agent-loginok", "goodbye"})
    void onePhraseGivesOneUtteranceSpanningTheSpeech(String name) throws Exception {
        Path file = DIR.resolve(name + ".wav");
        Requirement.require(Files.isRegularFile(file), "Debian asterisk-core-sounds-en-wav not installed: " + file);
        short[] clean = Signals.toSamples(WavFile.read(file).pcm());
        Signals signals = new Signals(8000, 11);
        short[] padded = signals.addNoise(Signals.concat(signals.silence(1000), clean, signals.silence(1000)), -60);

        RecordingListener r = RecordingListener.run(VadConfig.defaults(), 8000, Signals.toBytes(padded), 320);

        assertEquals(1, r.utterances().size(), r.events().toString());
        Utterance u = r.utterances().get(0);
        long[] truth = speechSpan(clean);
        long start = 8000 + truth[0];
        long end = 8000 + truth[1];
        assertTrue(u.startSample() <= start + 240 && u.startSample() >= start - 400,
                "start " + u.startSample() + " near the first loud frame " + start);
        assertTrue(u.endSample() >= end - 800 && u.endSample() <= end + 800,
                "end " + u.endSample() + " near the last loud frame " + end);
        long pcmStart = u.startSample() - (u.pcm().length / 2 - (u.endSample() - u.startSample()) - 1600);
        assertTrue(pcmStart <= start - 1600, "pre-roll reaches 200 ms before the speech");
        assertEquals(600.0, u.hangoverMs(), 1e-9);
    }

    /** First and last 10 ms frame within 40 dB of the loudest frame. */
    private static long[] speechSpan(short[] x) {
        int frames = x.length / 80;
        double[] e = new double[frames];
        double peak = 0;
        for (int f = 0; f < frames; f++) {
            for (int i = f * 80; i < f * 80 + 80; i++) {
                e[f] += (double) x[i] * x[i];
            }
            peak = Math.max(peak, e[f]);
        }
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (e[f] >= peak * 1e-4) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        return new long[] {first * 80L, (last + 1) * 80L};
    }
}
