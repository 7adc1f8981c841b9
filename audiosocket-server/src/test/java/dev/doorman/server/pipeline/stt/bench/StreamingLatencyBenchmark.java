package dev.doorman.server.pipeline.stt.bench;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.SpeechRecognizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long after the end of speech the transcript is ready: the time of {@link RecognitionStream#finish()}
 * when the utterance was streamed in 20 ms chunks as it arrived (what calls do), against a
 * non-streaming baseline that feeds the whole utterance only at the end (accept + finish), on the
 * Allison prompts of 1 to 4 seconds, both with the same recognizer in the same run. Each file is
 * measured in both modes, alternating, after a warm-up pass.
 * Run: {@code mvn -B -q -o -pl audiosocket-server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.doorman.server.pipeline.stt.bench.StreamingLatencyBenchmark}
 */
public final class StreamingLatencyBenchmark {
    private static final int CHUNK_BYTES = 320;

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<WavFile> utterances = new ArrayList<>();
        for (AllisonCorpus.Prompt p : AllisonCorpus.installed().prompts()) {
            WavFile wav = WavFile.read(p.wav());
            if (wav.durationMs() >= 1000 && wav.durationMs() <= 4000) {
                utterances.add(wav);
            }
        }
        try (SpeechRecognizer vosk = new SpeechRecognizerFactory().create(SttConfig.defaults())) {
            for (int i = 0; i < Math.min(20, utterances.size()); i++) { // warm-up
                streamedFinishMs(vosk, utterances.get(i));
                batchMs(vosk, utterances.get(i));
            }
            double[] streamed = new double[utterances.size()];
            double[] batch = new double[utterances.size()];
            double audio = 0;
            for (int i = 0; i < utterances.size(); i++) {
                streamed[i] = streamedFinishMs(vosk, utterances.get(i));
                batch[i] = batchMs(vosk, utterances.get(i));
                audio += utterances.get(i).durationMs();
            }
            Arrays.sort(streamed);
            Arrays.sort(batch);
            out.printf("utterances of 1-4 s: %d (mean %.0f ms)%n", utterances.size(), audio / utterances.size());
            out.println("| mode | p50 ms | p95 ms | max ms |");
            out.println("| --- | ---: | ---: | ---: |");
            out.printf("| streaming: finish() after 20 ms chunks | %.1f | %.1f | %.1f |%n",
                    pct(streamed, 50), pct(streamed, 95), streamed[streamed.length - 1]);
            out.printf("| batch: accept(all) + finish() at end of speech | %.1f | %.1f | %.1f |%n",
                    pct(batch, 50), pct(batch, 95), batch[batch.length - 1]);
            out.printf("p50 ratio batch/streaming: %.1fx%n", pct(batch, 50) / pct(streamed, 50));
        }
    }

    private static double streamedFinishMs(SpeechRecognizer stt, WavFile wav) {
        try (RecognitionStream s = stt.open(wav.sampleRate())) {
            byte[] pcm = wav.pcm();
            for (int i = 0; i < pcm.length; i += CHUNK_BYTES) {
                s.accept(pcm, i, Math.min(CHUNK_BYTES, pcm.length - i));
            }
            long t0 = System.nanoTime();
            s.finish();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double batchMs(SpeechRecognizer stt, WavFile wav) {
        try (RecognitionStream s = stt.open(wav.sampleRate())) {
            long t0 = System.nanoTime();
            s.accept(wav.pcm(), 0, wav.pcm().length);
            s.finish();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double pct(double[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
