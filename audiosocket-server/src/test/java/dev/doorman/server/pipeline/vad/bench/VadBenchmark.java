package dev.doorman.server.pipeline.vad.bench;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.vad.Signals;
import dev.doorman.server.pipeline.vad.Utterance;
import dev.doorman.server.pipeline.vad.VadConfig;
import dev.doorman.server.pipeline.vad.VadListener;
import dev.doorman.server.pipeline.vad.EnergyVoiceActivityDetector;
import dev.doorman.server.pipeline.vad.VoiceActivityDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Measures the VAD on Allison's prompts (Debian asterisk-core-sounds-en-wav): every prompt padded
 * with 1.5 s on both sides, white noise mixed over the whole signal, run through the detector in
 * 320-byte (20 ms) chunks as AudioSocket delivers them, and compared with a per-frame ground truth
 * of the clean file ({@link SpeechTruth}) and with a fixed-threshold baseline in the same run.
 * Prints a markdown report. Not a unit test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments: {@code [soundDir] [transcripts.txt.gz]}.
 */
public final class VadBenchmark {
    private static final int RATE = 8000;
    private static final int PAD_MS = 1500;
    private static final double TRUTH_RANGE_DB = 40;
    private static final double BASELINE_DBFS = -40;
    /** {speech gain dB, noise dBFS}: the two asked-for noise levels, then a quiet talker. */
    private static final double[][] VARIANTS = {{0, -60}, {0, -45}, {-20, -60}, {-20, -50}};
    private static final int SPEED_REPEATS = 5;

    private final VadConfig config = VadConfig.defaults();
    private final boolean verbose = Boolean.getBoolean("vad.bench.verbose");
    private final Path soundDir;
    private final Path transcripts;

    VadBenchmark(Path soundDir, Path transcripts) {
        this.soundDir = soundDir;
        this.transcripts = transcripts;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/asterisk/sounds/en_US_f_Allison");
        Path text = Path.of(args.length > 1 ? args[1] : "/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz");
        new VadBenchmark(dir, text).run();
    }

    void run() throws IOException {
        Map<String, String> text = readTranscripts();
        List<Prompt> prompts = new ArrayList<>();
        int nonSpeech = 0;
        try (Stream<Path> files = Files.list(soundDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                String name = p.getFileName().toString().replaceFirst("\\.wav$", "");
                String t = text.getOrDefault(name, "");
                if (t.startsWith("[")) {
                    nonSpeech++; // beeps and tones: not speech
                    continue;
                }
                WavFile wav = WavFile.read(p);
                if (wav.sampleRate() != RATE) {
                    continue;
                }
                prompts.add(new Prompt(name, Signals.toSamples(wav.pcm())));
            }
        }
        double audioSeconds = 0;
        for (Prompt p : prompts) {
            audioSeconds += p.clean.length / (double) RATE;
        }
        System.out.printf(Locale.ROOT, "Prompts: %d speech files (%.0f s of speech audio), %d tone files skipped; "
                + "truth = 10 ms frames within %.0f dB of the file's peak frame, joined across gaps < %d ms%n%n",
                prompts.size(), audioSeconds, nonSpeech, TRUTH_RANGE_DB, config.hangoverMs());

        System.out.println("| speech level | noise | detector | exact count | split | merged/missed | cut at 15 s | false alarms | start err median / p95 |ms| "
                + "| end err median / p95 |ms| | frame precision | frame recall | speech frames clipped |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        List<short[]> speedSet = null;
        for (double[] variant : VARIANTS) {
            double gain = variant[0];
            double noise = variant[1];
            Signals mixer = new Signals(RATE, 20261121L);
            Score doorman = new Score("doorman VAD (defaults)");
            Score baseline = new Score(String.format(Locale.ROOT, "fixed %.0f dBFS", BASELINE_DBFS));
            List<short[]> padded = new ArrayList<>();
            for (Prompt p : prompts) {
                short[] signal = mixer.addNoise(Signals.concat(mixer.silence(PAD_MS), scale(p.clean, gain), mixer.silence(PAD_MS)), noise);
                padded.add(signal);
                SpeechTruth truth = new SpeechTruth(p.clean, RATE, TRUTH_RANGE_DB, config.hangoverMs());
                List<DetectedSpan> spans = runDoorman(Signals.toBytes(signal));
                doorman.add(truth, spans, signal.length);
                if (verbose && spans.size() != truth.segments().size()) {
                    System.out.printf(Locale.ROOT, "  %s at %.0f dBFS: truth %s, detected %s%n", p.name, noise,
                            truth.segments().stream().map(Arrays::toString).toList(), spans);
                }
                baseline.add(truth, baseline().run(signal), signal.length);
            }
            if (speedSet == null) {
                speedSet = padded;
            }
            System.out.println(doorman.row(gain, noise));
            System.out.println(baseline.row(gain, noise));
        }
        System.out.println();
        speed(speedSet);
    }

    private static short[] scale(short[] x, double gainDb) {
        double g = Math.pow(10, gainDb / 20);
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.round(x[i] * g);
        }
        return out;
    }

    private FixedThresholdVad baseline() {
        return new FixedThresholdVad(RATE, BASELINE_DBFS, config.startMs(), config.hangoverMs(), config.preRollMs(),
                config.tailMs());
    }

    /** Feeds the signal in 20 ms chunks; spans in padded-signal samples. */
    private List<DetectedSpan> runDoorman(byte[] pcm) {
        List<DetectedSpan> spans = new ArrayList<>();
        long tail = (long) config.tailMs() * RATE / 1000;
        long maxSamples = (long) config.maxUtteranceMs() * RATE / 1000;
        VadListener listener = new VadListener() {
            @Override
            public void onSpeechStarted(long startSample) {
            }

            @Override
            public void onSpeechAudio(byte[] audio, int off, int len) {
            }

            @Override
            public void onSpeechEnded(Utterance u) {
                long tailKept = Math.min(tail, Math.round(u.hangoverMs() * RATE / 1000));
                long pcmEnd = u.endSample() + tailKept;
                long decision = u.endSample() + Math.round(u.hangoverMs() * RATE / 1000);
                boolean cut = u.hangoverMs() < config.hangoverMs() && decision - u.startSample() >= maxSamples;
                spans.add(new DetectedSpan(u.startSample(), u.endSample(), pcmEnd - u.pcm().length / 2, pcmEnd, cut));
            }

            @Override
            public void onSilence(double durationMs) {
            }
        };
        VoiceActivityDetector vad = new EnergyVoiceActivityDetector(config, RATE, listener);
        for (int off = 0; off < pcm.length; off += 320) {
            vad.accept(pcm, off, Math.min(320, pcm.length - off));
        }
        vad.reset(); // ends an utterance still open at the end of the file
        return spans;
    }

    private void speed(List<short[]> signals) {
        List<byte[]> bytes = signals.stream().map(Signals::toBytes).toList();
        double seconds = 0;
        for (short[] s : signals) {
            seconds += s.length / (double) RATE;
        }
        double[] doorman = new double[SPEED_REPEATS];
        double[] baseline = new double[SPEED_REPEATS];
        long sink = 0;
        for (int rep = -2; rep < SPEED_REPEATS; rep++) { // two warm-up rounds
            long t0 = System.nanoTime();
            for (byte[] pcm : bytes) {
                sink += runDoorman(pcm).size();
            }
            long t1 = System.nanoTime();
            for (short[] s : signals) {
                sink += baseline().run(s).size();
            }
            long t2 = System.nanoTime();
            if (rep >= 0) {
                doorman[rep] = seconds / ((t1 - t0) / 1e9);
                baseline[rep] = seconds / ((t2 - t1) / 1e9);
            }
        }
        double d = median(doorman);
        double b = median(baseline);
        System.out.printf(Locale.ROOT, "Speed, one thread, %.0f s of 8 kHz audio per round, median of %d rounds "
                + "(checksum %d):%n%n", seconds, SPEED_REPEATS, sink);
        System.out.println("| detector | x real time | 20 ms frames/s | ratio |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| doorman VAD (320-byte chunks, events, utterance copies) | %.0f | %.0f | %.2f |%n",
                d, d * 50, d / b);
        System.out.printf(Locale.ROOT, "| fixed threshold (whole signal in an array) | %.0f | %.0f | 1.00 |%n", b, b * 50);
    }

    private Map<String, String> readTranscripts() throws IOException {
        Map<String, String> map = new HashMap<>();
        if (!Files.exists(transcripts)) {
            return map;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(transcripts)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith(";")) {
                    map.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
        }
        return map;
    }

    static double median(double[] v) {
        return percentile(v, 50);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    private record Prompt(String name, short[] clean) {
    }

    /** Accumulates one detector's results over all prompts at one noise level. */
    private static final class Score {
        private final String name;
        private int files;
        private int exact;
        private int split;
        private int fewer;
        private int falseAlarms;
        private int cutFiles;
        private final List<Double> startErr = new ArrayList<>();
        private final List<Double> endErr = new ArrayList<>();
        private long truthFrames;
        private long detectedFrames;
        private long hitFrames;
        private long clippedFrames;

        Score(String name) {
            this.name = name;
        }

        void add(SpeechTruth truth, List<DetectedSpan> all, int signalLength) {
            files++;
            List<DetectedSpan> spans = joinCuts(all);
            if (spans.size() < all.size()) {
                cutFiles++;
            }
            int expected = truth.segments().size();
            if (spans.size() == expected) {
                exact++;
            } else if (spans.size() > expected) {
                split++;
            } else {
                fewer++;
            }
            long pad = (long) PAD_MS * RATE / 1000;
            int fs = truth.frameSamples();
            boolean[] detected = new boolean[signalLength / fs];
            boolean[] delivered = new boolean[signalLength / fs];
            for (DetectedSpan s : spans) {
                mark(detected, s.start(), s.end(), fs);
                mark(delivered, s.pcmStart(), s.pcmEnd(), fs);
                boolean overlaps = false;
                for (long[] seg : truth.segments()) {
                    overlaps |= s.start() < seg[1] + pad && s.end() > seg[0] + pad;
                }
                if (!overlaps) {
                    falseAlarms++;
                }
            }
            int padFrames = (int) (pad / fs);
            for (int g = 0; g < detected.length; g++) {
                int f = g - padFrames;
                boolean speech = f >= 0 && f < truth.frames() && truth.isSpeech(f);
                truthFrames += speech ? 1 : 0;
                detectedFrames += detected[g] ? 1 : 0;
                hitFrames += speech && detected[g] ? 1 : 0;
                clippedFrames += speech && !delivered[g] ? 1 : 0;
            }
            if (!spans.isEmpty() && expected > 0) {
                long truthStart = truth.segments().get(0)[0] + pad;
                long truthEnd = truth.segments().get(expected - 1)[1] + pad;
                startErr.add((spans.get(0).start() - truthStart) * 1000.0 / RATE);
                endErr.add((spans.get(spans.size() - 1).end() - truthEnd) * 1000.0 / RATE);
            }
        }

        /** A forced cut is by design (maxUtteranceMs); the pieces count as one detection. */
        private static List<DetectedSpan> joinCuts(List<DetectedSpan> spans) {
            List<DetectedSpan> out = new ArrayList<>();
            for (DetectedSpan s : spans) {
                DetectedSpan last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.cut()) {
                    out.set(out.size() - 1, new DetectedSpan(last.start(), s.end(), last.pcmStart(), s.pcmEnd(), s.cut()));
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        private static void mark(boolean[] frames, long from, long to, int fs) {
            for (long g = Math.max(0, from / fs); g < Math.min(frames.length, (to + fs - 1) / fs); g++) {
                frames[(int) g] = true;
            }
        }

        String row(double gain, double noise) {
            return String.format(Locale.ROOT,
                    "| %s | %.0f dBFS | %s | %d/%d (%.1f%%) | %d | %d | %d | %d | %+.0f / %.0f | %+.0f / %.0f | %.3f | %.3f | %.2f%% |",
                    gain == 0 ? "as recorded (peak ~-10 dBFS)" : String.format(Locale.ROOT, "%+.0f dB", gain), noise, name,
                    exact, files, 100.0 * exact / files, split, fewer, cutFiles, falseAlarms,
                    median(startErr), percentile(abs(startErr), 95), median(endErr), percentile(abs(endErr), 95),
                    hitFrames / (double) Math.max(1, detectedFrames), hitFrames / (double) Math.max(1, truthFrames),
                    100.0 * clippedFrames / Math.max(1, truthFrames));
        }

        private static double median(List<Double> v) {
            return VadBenchmark.median(v.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private static double[] abs(List<Double> v) {
            return v.stream().mapToDouble(Math::abs).toArray();
        }
    }
}
