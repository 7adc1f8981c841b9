package dev.doorman.server.pipeline.tts.bench;

import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.FreeTtsSynthesizer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * FreeTTS under concurrent callers: one shared voice (syntheses take turns, as before the pool)
 * against a pool of one voice per core, in the same run, with 1, 2, 4 and 8 threads each
 * synthesizing the doorman's answers (no cache: every reply names someone else). Both are warmed
 * up first; then each thread count runs three rounds, alternating the two set-ups. Reports the
 * median round's throughput and, over all rounds, the time a reply waits for its audio (p50 / p95),
 * whole and up to its first sentence (the phrase cache cuts replies into sentences and hands each
 * over when ready).
 *
 * <p>Run: {@code audiosocket-server/bench/synthesis.sh}
 */
public final class ConcurrentSynthesisBenchmark {
    private static final String[] NAMES = {"Peter Parker", "Bruce Wayne", "Clark Kent", "Diana Prince", "Mary Smith",
        "David Miller", "Sarah Connor", "Alice Johnson", "Robert Brown", "Linda Brown"};
    private static final int REPLIES_PER_THREAD = 40;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "%d cores, load average %s%n", cores,
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        out.println("| voices | caller threads | replies | replies/s (median round) | reply ready p50 / p95 (ms) | first sentence ready p50 / p95 (ms) |");
        out.println("| ---: | ---: | ---: | ---: | --- | --- |");
        try (FreeTtsSynthesizer one = new FreeTtsSynthesizer("kevin", 1);
             FreeTtsSynthesizer pool = new FreeTtsSynthesizer("kevin", cores)) {
            for (int i = 0; i < 5; i++) { // warm-up: JIT both
                run(one, 2);
                run(pool, 2);
            }
            for (int threads : new int[] {1, 2, 4, 8}) {
                List<Result> ones = new ArrayList<>();
                List<Result> pools = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    ones.add(run(one, threads));
                    pools.add(run(pool, threads));
                }
                out.println(Result.merge(ones).row(1, threads));
                out.println(Result.merge(pools).row(cores, threads));
            }
        }
    }

    private record Result(int replies, double perSecond, double[] wholeMs, double[] firstMs) {
        String row(int voices, int threads) {
            return String.format(Locale.ROOT, "| %d | %d | %d | %.0f | %.1f / %.1f | %.1f / %.1f |", voices, threads, replies,
                    perSecond, pct(wholeMs, 50), pct(wholeMs, 95), pct(firstMs, 50), pct(firstMs, 95));
        }

        /** All rounds' replies; the median round's throughput. */
        static Result merge(List<Result> rounds) {
            double[] rates = rounds.stream().mapToDouble(Result::perSecond).sorted().toArray();
            return new Result(rounds.stream().mapToInt(Result::replies).sum(), rates[rates.length / 2],
                    concat(rounds.stream().map(Result::wholeMs).toList()),
                    concat(rounds.stream().map(Result::firstMs).toList()));
        }
    }

    private static Result run(FreeTtsSynthesizer kevin, int threads) throws Exception {
        CachingSynthesizer sentences = new CachingSynthesizer(kevin, "bench", 0, null); // cuts, never keeps
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<double[][]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                go.await();
                double[] whole = new double[REPLIES_PER_THREAD];
                double[] first = new double[REPLIES_PER_THREAD];
                for (int i = 0; i < REPLIES_PER_THREAD; i++) {
                    String visitor = NAMES[(seed + i) % NAMES.length];
                    String resident = NAMES[(seed * 3 + i * 7 + 1) % NAMES.length];
                    String reply = "Thank you, " + visitor + ". I am calling " + resident + " in apartment "
                            + (101 + (seed * 31 + i) % 400) + ". Please wait.";
                    long start = System.nanoTime();
                    long[] firstAt = {0};
                    sentences.synthesize(reply, 8000, pcm -> {
                        if (firstAt[0] == 0) {
                            firstAt[0] = System.nanoTime();
                        }
                    });
                    whole[i] = (System.nanoTime() - start) / 1e6;
                    first[i] = (firstAt[0] - start) / 1e6;
                }
                return new double[][] {whole, first};
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        List<double[]> whole = new ArrayList<>();
        List<double[]> first = new ArrayList<>();
        for (Future<double[][]> f : futures) {
            double[][] r = f.get();
            whole.add(r[0]);
            first.add(r[1]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(threads * REPLIES_PER_THREAD, threads * REPLIES_PER_THREAD / seconds, concat(whole),
                concat(first));
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static double pct(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
