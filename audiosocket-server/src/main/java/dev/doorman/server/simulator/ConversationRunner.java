package dev.doorman.server.simulator;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.tts.EspeakSynthesizer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs scripted visitors against the doorman one after the other, each on its own call that
 * listens and answers ({@link Conversation}), and reports whether and how fast each call reached
 * the visitor's resident: "reached" is the doorman saying it is calling them (the moment it
 * writes {@code CALL_MORADOR}).
 */
public final class ConversationRunner {
    /** One visitor's call. */
    public record Result(VisitorScript script, CallResult call, Conversation conversation) {
        public boolean reachedRightResident() {
            return conversation.ending() == VisitorScript.Heard.CALLING_RIGHT_RESIDENT;
        }
    }

    private final CallSimulator simulator;
    private final SpeechRecognizer ears;

    /** @param ears transcribes the doorman (free decoding) */
    public ConversationRunner(CallSimulator simulator, SpeechRecognizer ears) {
        this.simulator = simulator;
        this.ears = ears;
    }

    public List<Result> run(List<VisitorScript> visitors, SimulationOptions base) {
        List<Result> results = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "simulated-visitor");
            t.setDaemon(true);
            return t;
        });
        try {
            for (VisitorScript visitor : visitors) {
                try (EspeakSynthesizer voice = new EspeakSynthesizer("espeak-ng", visitor.voice(), null,
                        Duration.ofSeconds(10))) {
                    Conversation conversation = new Conversation(visitor, ears, voice, worker, base.sampleRate());
                    CallResult call = simulator.converse(base, conversation).join();
                    drain(worker); // the doorman's last words are still being transcribed
                    results.add(new Result(visitor, call, conversation));
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return results;
    }

    private static void drain(ExecutorService worker) {
        try {
            worker.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The empty WAV a conversational call starts from (the visitor's words are synthesized as it goes). */
    public static WavFile silence(int sampleRate) {
        return new WavFile(sampleRate, new byte[0]);
    }

    /**
     * Reads visitors from a CSV file: {@code visitor name,resident,apartment,voice} per line
     * (apartment and voice may be empty; {@code #} starts a comment).
     *
     * @throws IllegalArgumentException naming the file and line of a bad row
     */
    public static List<VisitorScript> readScript(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        List<VisitorScript> visitors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
                throw new IllegalArgumentException(file + ": line " + (i + 1)
                        + ": expected 'visitor name,resident[,apartment[,voice]]', got: " + line);
            }
            String apartment = f.length > 2 && !f[2].isBlank() ? f[2].strip() : null;
            String voice = f.length > 3 && !f[3].isBlank() ? f[3].strip() : null;
            visitors.add(new VisitorScript(f[0].strip(), f[1].strip(), apartment, voice));
        }
        if (visitors.isEmpty()) {
            throw new IllegalArgumentException(file + ": no visitors");
        }
        return visitors;
    }

    /** A human-readable report: one block per visitor, then the totals. */
    public static void print(List<Result> results, PrintWriter out) {
        int reached = 0;
        List<Double> times = new ArrayList<>();
        for (Result r : results) {
            VisitorScript s = r.script();
            Conversation c = r.conversation();
            String verdict = switch (c.ending() == null ? VisitorScript.Heard.QUESTION : c.ending()) {
                case CALLING_RIGHT_RESIDENT -> String.format(Locale.ROOT, "reached %s after %.1f s", s.resident(),
                        c.endedAtMs() / 1000);
                case CALLING_SOMEONE_ELSE -> "WRONG: the doorman called someone else";
                case GAVE_UP -> "not reached: the doorman gave up";
                case QUESTION -> "not reached: " + r.call().outcome().name().toLowerCase(Locale.ROOT)
                        + (r.call().detail() == null ? "" : " (" + r.call().detail() + ")");
            };
            out.printf(Locale.ROOT, "visitor %s for %s%s (%s): %s, %d doorman turns%n", s.name(), s.resident(),
                    s.apartment() == null ? "" : " in " + s.apartment(), s.voice(), verdict, c.exchanges().size());
            for (Conversation.Exchange e : c.exchanges()) {
                out.printf(Locale.ROOT, "  %6.1f s doorman: %s%n", e.atMs() / 1000, e.doorman());
                if (e.visitor() != null) {
                    out.printf(Locale.ROOT, "           visitor: %s%n", e.visitor());
                }
            }
            if (r.reachedRightResident()) {
                reached++;
                times.add(c.endedAtMs() / 1000);
            }
        }
        times.sort(null);
        out.printf(Locale.ROOT, "%d of %d visitors reached their resident%s%n", reached, results.size(),
                times.isEmpty() ? "" : String.format(Locale.ROOT, "; time to reach: median %.1f s, max %.1f s",
                        times.get(times.size() / 2), times.get(times.size() - 1)));
        out.flush();
    }
}
