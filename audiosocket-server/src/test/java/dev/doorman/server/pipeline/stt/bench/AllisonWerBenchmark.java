package dev.doorman.server.pipeline.stt.bench;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.stt.VoskModelLocator;
import dev.doorman.server.pipeline.stt.VoskSpeechRecognizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Word error rate of the Vosk STT stage on Allison's prompts, fed straight to the recognizer in
 * 20 ms chunks (the direct half of the STT benchmark; the AudioSocket-path half reuses
 * {@link WordErrorRate} and {@link AllisonCorpus}). Two ways to get 8 kHz audio into the 16 kHz
 * model, side by side on the same files:
 * <ul>
 *   <li>{@code java-resample}: the default, 8 kHz resampled to 16 kHz by our {@code Resampler};</li>
 *   <li>{@code allow-upsample}: 8 kHz fed as is to a copy of the model whose {@code conf/mfcc.conf}
 *       has {@code --allow-upsample=true} (Kaldi resamples internally).</li>
 * </ul>
 * Run: {@code mvn -B -q -o -pl audiosocket-server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.doorman.server.pipeline.stt.bench.AllisonWerBenchmark [-Dexec.args="--limit 50 --errors 20"]}
 */
public final class AllisonWerBenchmark {
    private static final int CHUNK_BYTES = 320; // 20 ms at 8 kHz, as Asterisk sends it

    record FileResult(String name, WordErrorRate.Score score, double audioMs, double decodeMs, String heard) {
    }

    public static void main(String[] args) throws Exception {
        int limit = Integer.MAX_VALUE;
        int showErrors = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--errors" -> showErrors = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        AllisonCorpus corpus = AllisonCorpus.installed();
        if (!corpus.isAvailable()) {
            throw new IllegalStateException("install asterisk-core-sounds-en-wav and asterisk-core-sounds-en");
        }
        List<AllisonCorpus.Prompt> prompts = corpus.prompts();
        prompts = prompts.subList(0, Math.min(limit, prompts.size()));
        PrintStream out = System.out;
        out.printf("Allison prompts with a speech reference: %d%n", prompts.size());

        Path bundled = VoskModelLocator.forConfig(SttConfig.Vosk.defaults()).locate(null);
        Path patched = patchedCopy(bundled);
        try {
            List<String> rows = new ArrayList<>();
            try (VoskSpeechRecognizer vosk = new VoskSpeechRecognizer(bundled, true)) {
                rows.add(run("java-resample (resample: true)", vosk, prompts, showErrors, out));
            }
            try (VoskSpeechRecognizer vosk = new VoskSpeechRecognizer(patched, false)) {
                rows.add(run("allow-upsample (default since the model is patched at build)", vosk, prompts, showErrors, out));
            }
            out.println();
            out.println("| mode | files | ref words | corpus WER | median file WER | files with 0 errors | RTF |");
            out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            rows.forEach(out::println);
        } finally {
            deleteTree(patched);
        }
    }

    static String run(String mode, SpeechRecognizer stt, List<AllisonCorpus.Prompt> prompts, int showErrors,
                      PrintStream out) throws IOException {
        WordErrorRate wer = new WordErrorRate();
        List<FileResult> results = new ArrayList<>();
        for (AllisonCorpus.Prompt p : prompts) {
            WavFile wav = WavFile.read(p.wav());
            long t0 = System.nanoTime();
            String heard;
            try (RecognitionStream s = stt.open(wav.sampleRate())) {
                byte[] pcm = wav.pcm();
                int chunk = CHUNK_BYTES * wav.sampleRate() / 8000;
                for (int i = 0; i < pcm.length; i += chunk) {
                    s.accept(pcm, i, Math.min(chunk, pcm.length - i));
                }
                heard = s.finish().text();
            }
            double decodeMs = (System.nanoTime() - t0) / 1e6;
            results.add(new FileResult(p.name(), wer.score(p.reference(), heard), wav.durationMs(), decodeMs, heard));
        }
        long edits = results.stream().mapToLong(r -> r.score().edits()).sum();
        long words = results.stream().mapToLong(r -> r.score().referenceWords()).sum();
        List<Double> rates = new ArrayList<>(results.stream().map(r -> r.score().rate()).toList());
        Collections.sort(rates);
        double median = rates.isEmpty() ? 0 : rates.size() % 2 == 1 ? rates.get(rates.size() / 2)
                : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
        long perfect = rates.stream().filter(r -> r == 0.0).count();
        double audio = results.stream().mapToDouble(FileResult::audioMs).sum();
        double decode = results.stream().mapToDouble(FileResult::decodeMs).sum();

        out.printf("%n== %s: corpus WER %.4f (%d edits / %d words), median file WER %.3f, RTF %.3f (%.1f s audio)%n",
                mode, (double) edits / words, edits, words, median, decode / audio, audio / 1000);
        results.stream().sorted(Comparator.comparingInt((FileResult r) -> -r.score().edits())).limit(showErrors)
                .forEach(r -> out.printf("  %-32s %2d/%-3d ref=%s%n  %-32s        hyp=%s%n", r.name(),
                        r.score().edits(), r.score().referenceWords(), String.join(" ", r.score().reference()), "",
                        r.heard()));
        return String.format("| %s | %d | %d | %.2f %% | %.3f | %d | %.3f |", mode, results.size(), words,
                100.0 * edits / words, median, perfect, decode / audio);
    }

    /** A temporary copy of the model with {@code --allow-upsample=true} added to conf/mfcc.conf. */
    static Path patchedCopy(Path model) throws IOException {
        Path copy = Files.createTempDirectory("doorman-vosk-upsample-");
        try (Stream<Path> paths = Files.walk(model)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = copy.resolve(model.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path mfcc = copy.resolve("conf/mfcc.conf");
        Files.writeString(mfcc, Files.readString(mfcc).strip() + "\n--allow-upsample=true\n");
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
