package dev.doorman.server.pipeline.tts.bench;

import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.EspeakSynthesizer;
import dev.doorman.server.pipeline.tts.FreeTtsSynthesizer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Time to synthesize the doorman's phrases at 8 kHz with each embedded engine, and the same
 * phrases served from the phrase cache, in one run. Reports the median and max per phrase and the
 * real-time factor (synthesis time / audio time).
 * Run: {@code mvn -B -q -o -pl audiosocket-server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.doorman.server.pipeline.tts.bench.SynthesisBenchmark}
 */
public final class SynthesisBenchmark {
    private static final List<String> PHRASES = List.of(
            "Hello, welcome. Who would you like to visit?",
            "Which apartment are you going to?",
            "Please wait while I call the resident of apartment three zero two.",
            "Thank you, the door is open.",
            "Sorry, I did not understand. Could you repeat that, please?",
            "The resident is not answering. Please try again later.",
            "Delivery for apartment five. Please leave the package with the doorman.",
            "Goodbye.");
    private static final int ROUNDS = 5;

    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("| engine | phrases x rounds | median ms/phrase | max ms | mean audio ms | RTF |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        try (FreeTtsSynthesizer kevin = new FreeTtsSynthesizer("kevin")) {
            out.println(measure("freetts kevin (8 kHz native)", kevin));
            CachingSynthesizer cache = new CachingSynthesizer(kevin, "freetts/kevin", 64, null);
            cache.warmUp(PHRASES, 8000);
            out.println(measure("freetts kevin, cached (memory hit)", cache));
        }
        try (FreeTtsSynthesizer kevin16 = new FreeTtsSynthesizer("kevin16")) {
            out.println(measure("freetts kevin16 resampled to 8 kHz", kevin16));
        }
        out.println(measure("espeak-ng en-us (22050 Hz resampled to 8 kHz)",
                new EspeakSynthesizer("espeak-ng", "en-us", null, Duration.ofSeconds(10))));
    }

    private static String measure(String name, SpeechSynthesizer tts) {
        for (String p : PHRASES) { // warm-up
            tts.synthesize(p, 8000);
        }
        double[] ms = new double[PHRASES.size() * ROUNDS];
        double audio = 0;
        double total = 0;
        int k = 0;
        for (int r = 0; r < ROUNDS; r++) {
            for (String p : PHRASES) {
                long t0 = System.nanoTime();
                SynthesizedAudio a = tts.synthesize(p, 8000);
                ms[k++] = (System.nanoTime() - t0) / 1e6;
                total += ms[k - 1];
                audio += a.durationMs();
            }
        }
        Arrays.sort(ms);
        return String.format("| %s | %d x %d | %.2f | %.2f | %.0f | %.4f |", name, PHRASES.size(), ROUNDS,
                ms[ms.length / 2], ms[ms.length - 1], audio / ms.length, total / audio);
    }
}
