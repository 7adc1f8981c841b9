package dev.doorman.analyzer.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Writes N synthetic call files with a realistic event mix: a greeting, 1-4 visitor turns
 * (speech, transcription, AI with intent extraction and fuzzy validation, synthesis - partly
 * cached - and playback), a resident leg in most calls (attempts, ring time, the resident's turn,
 * the decision, the door), a building in most CALL_SETUPs, some barge-ins, errors and silences. Stage times are log-normal with long tails, as real engines'.
 * Seeded: the same arguments give the same bytes.
 *
 * <p>Usage: {@code CorpusGenerator <dir> <calls> [seed] [compact]}; {@code compact} writes short
 * texts (smaller files for the million-call run).
 */
public final class CorpusGenerator {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final String[] VISITOR_TEXT = {
        "hello I have a delivery for apartment three oh two",
        "hi this is john smith to see mary jones in apartment twelve",
        "package for the resident of apartment four b",
        "I am here to fix the elevator",
        "yes that is right",
    };

    private static final String[] NO_ANSWER = {"no_answer", "busy", "failed", "unavailable"};
    private static final String[] BUILDINGS = {"tower-a", "tower-b", null};

    private final Random random;
    private final boolean compact;
    private final Instant firstStart;
    private double transcriptionFactor = 1;
    private long spacingMs = 30_000;

    public CorpusGenerator(long seed, boolean compact, Instant firstStart) {
        this.random = new Random(seed);
        this.compact = compact;
        this.firstStart = firstStart;
    }

    /** Multiplies every transcription time (a regression to find). */
    public CorpusGenerator transcriptionFactor(double factor) {
        this.transcriptionFactor = factor;
        return this;
    }

    /** Calls start this far apart (plus up to as much again at random). */
    public CorpusGenerator spacingMs(long spacing) {
        this.spacingMs = spacing;
        return this;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CorpusGenerator <dir> <calls> [seed] [compact]");
            System.exit(1);
        }
        Path dir = Path.of(args[0]);
        int calls = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        boolean compact = args.length > 3 && args[3].equals("compact");
        long started = System.nanoTime();
        long bytes = new CorpusGenerator(seed, compact, Instant.parse("2026-11-01T00:00:00Z")).generate(dir, calls);
        System.out.printf(Locale.ROOT, "wrote %d calls, %.1f MB to %s in %.1f s%n", calls, bytes / 1e6, dir,
                (System.nanoTime() - started) / 1e9);
    }

    /** Writes {@code calls} files into {@code dir}; returns the bytes written. */
    public long generate(Path dir, int calls) throws IOException {
        Files.createDirectories(dir);
        long bytes = 0;
        for (int i = 0; i < calls; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            String callId = id.toString();
            Instant start = firstStart.plusMillis(i * spacingMs + (long) (random.nextDouble() * spacingMs));
            Path file = dir.resolve(callId + ".jsonl");
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 14)) {
                writeCall(callId, start, out);
            }
            bytes += Files.size(file);
        }
        return bytes;
    }

    /** Writes one call's events. */
    public void writeCall(String callId, Instant start, Appendable out) throws IOException {
        Call call = new Call(callId, start, out);
        String building = BUILDINGS[random.nextInt(BUILDINGS.length)];
        call.event("CALL_SETUP", building == null ? "{}" : "{\"building\":\"" + building + "\"}");
        call.event("STATE_CHANGE", "{\"from\":\"connecting\",\"to\":\"greeting\"}");
        call.event("GREETING", "{\"text\":" + text("Hello, welcome. Who would you like to visit?") + "}");
        synthesis(call, "visitor", 0, true);
        call.event("PLAYBACK_START", "{\"target\":\"visitor\",\"turn\":0}");
        call.advance(2500 + random.nextInt(1500));
        call.event("PLAYBACK_COMPLETE", "{\"target\":\"visitor\",\"turn\":0,\"duration_ms\":3100.0,\"interrupted\":false}");
        int turn = 0;
        int visitorTurns = 1 + random.nextInt(4);
        for (int t = 0; t < visitorTurns; t++) {
            turn++;
            turn(call, "visitor", turn);
        }
        if (random.nextDouble() < 0.6) {
            residentLeg(call);
        }
        if (random.nextDouble() < 0.15) {
            call.event("SILENCE_DETECTED", "{\"source\":\"visitor\",\"duration_ms\":" + num(logNormal(3000, 0.5)) + "}");
        }
        call.advance(500 + random.nextInt(2000));
        String reason = random.nextDouble() < 0.7 ? "server_hangup" : "caller_hangup";
        call.event("CALL_ENDED", "{\"reason\":\"" + reason + "\",\"total_duration_ms\":" + num(call.elapsed) + "}");
    }

    /**
     * The resident leg as the server writes it into the visitor's file: one or two attempts
     * (CALL_MORADOR, then MORADOR_CONNECTED or RESIDENT_NO_ANSWER), the announcement to the
     * resident (turn 0), the resident's answer (turn 1, numbered per party), the decision and the door.
     */
    private void residentLeg(Call call) throws IOException {
        String who = "\"apartment\":\"302\",\"resident\":\"Mary Jones\"";
        int attempts = random.nextDouble() < 0.25 ? 2 : 1;
        boolean connected = false;
        for (int attempt = 1; attempt <= attempts && !connected; attempt++) {
            call.event("CALL_MORADOR", "{" + who + ",\"destination\":\"PJSIP/302\",\"attempt\":" + attempt + "}");
            double ring = logNormal(4000, 0.6);
            call.advance(ring);
            if (attempt < attempts || random.nextDouble() < 0.1) {
                call.event("RESIDENT_NO_ANSWER", "{\"reason\":\"" + NO_ANSWER[random.nextInt(NO_ANSWER.length)]
                        + "\",\"attempt\":" + attempt + "}");
                continue;
            }
            connected = true;
            call.event("MORADOR_CONNECTED", "{" + who + ",\"ring_ms\":" + num(ring) + ",\"attempt\":" + attempt + "}");
        }
        if (!connected) {
            call.event("AUTHORIZATION", "{\"decision\":\"no_answer\",\"by\":\"timeout\"," + who + "}");
            return;
        }
        synthesis(call, "resident", 0, random.nextDouble() < 0.3);
        call.event("PLAYBACK_START", "{\"target\":\"resident\",\"turn\":0}");
        call.advance(3000);
        turn(call, "resident", 1);
        double r = random.nextDouble();
        String decision = r < 0.7 ? "authorized" : r < 0.9 ? "denied" : "visitor_left";
        String by = random.nextDouble() < 0.3 ? "dtmf" : "speech";
        call.advance(logNormal(200, 0.5));
        if (by.equals("dtmf")) {
            call.event("DTMF_RECEIVED", "{\"source\":\"resident\",\"digit\":\"1\"}");
        }
        call.event("AUTHORIZATION", "{\"decision\":\"" + decision + "\",\"by\":\"" + by + "\"," + who + "}");
        if (decision.equals("authorized")) {
            call.advance(logNormal(80, 0.5));
            call.event("DOOR_OPEN", "{\"method\":\"webhook\",\"status\":\"ok\",\"attempts\":1}");
        }
    }

    private void turn(Call call, String party, int turn) throws IOException {
        call.event("SPEECH_DETECTED", "{\"source\":\"" + party + "\",\"turn\":" + turn + "}");
        double speech = logNormal(1600, 0.5);
        call.advance(speech);
        double hangover = 600 + random.nextInt(3) * 100;
        call.event("SPEECH_ENDED", "{\"source\":\"" + party + "\",\"turn\":" + turn + ",\"duration_ms\":" + num(speech)
                + ",\"hangover_ms\":" + num(hangover) + "}");
        call.event("TRANSCRIPTION_START", "{\"source\":\"" + party + "\",\"turn\":" + turn
                + ",\"audio_bytes\":" + (int) (speech * 16) + ",\"provider\":\"vosk\"}");
        double stt = logNormal(party.equals("visitor") ? 320 : 380, 0.6) * transcriptionFactor;
        call.advance(stt);
        String said = VISITOR_TEXT[random.nextInt(VISITOR_TEXT.length)];
        call.event("TRANSCRIPTION_COMPLETE", "{\"source\":\"" + party + "\",\"turn\":" + turn + ",\"text\":" + text(said)
                + ",\"duration_ms\":" + num(stt) + ",\"provider\":\"vosk\"}");
        if (random.nextDouble() < 0.03) {
            call.event("ERROR", "{\"error_type\":\"timeout\",\"message\":\"stt provider timed out after "
                    + (2000 + random.nextInt(500)) + " ms\",\"stage\":\"transcription\",\"details\":{\"attempt\":1}}");
        }
        String source = party.equals("resident") ? ",\"source\":\"resident\"" : "";
        call.event("AI_PROCESSING_START", "{\"turn\":" + turn + ",\"input_text\":" + text(said) + source + "}");
        double aiStart = call.elapsed;
        call.event("INTENT_EXTRACTION_START", "{\"turn\":" + turn + ",\"provider\":\"rules\"" + source + "}");
        boolean llm = random.nextDouble() < 0.2;
        double intent = llm ? logNormal(900, 0.5) : logNormal(3, 0.4);
        call.advance(intent);
        call.event("INTENT_EXTRACTION_COMPLETE", "{\"turn\":" + turn + ",\"intent\":\"delivery\",\"entities\":"
                + "{\"apartment\":\"302\"},\"duration_ms\":" + num(intent) + source + "}");
        int validations = 1 + random.nextInt(2);
        for (int v = 0; v < validations; v++) {
            call.event("FUZZY_VALIDATION_START", "{\"turn\":" + turn + ",\"field\":\"apartment\",\"input\":\"302\"}");
            double fuzzy = logNormal(1.2, 0.5);
            call.advance(fuzzy);
            call.event("FUZZY_VALIDATION_COMPLETE", "{\"turn\":" + turn + ",\"field\":\"apartment\",\"input\":\"302\","
                    + "\"match\":\"302\",\"score\":0.97,\"valid\":true,\"duration_ms\":" + num(fuzzy) + "}");
        }
        if (llm && random.nextDouble() < 0.05) {
            call.event("ERROR", "{\"error_type\":\"http_status\",\"message\":\"intent endpoint returned 503 for "
                    + "request " + UUID.randomUUID() + "\",\"stage\":\"intent_extraction\",\"details\":{}}");
        }
        call.advance(0.5 + random.nextDouble());
        call.event("AI_PROCESSING_COMPLETE", "{\"turn\":" + turn + ",\"response_text\":"
                + text("Thank you, calling the resident now.") + ",\"duration_ms\":" + num(call.elapsed - aiStart) + source + "}");
        synthesis(call, party, turn, random.nextDouble() < 0.4);
        call.advance(logNormal(4, 0.8));
        call.event("PLAYBACK_START", "{\"target\":\"" + party + "\",\"turn\":" + turn + "}");
        if (random.nextDouble() < 0.05) {
            call.advance(700);
            call.event("BARGE_IN", "{\"source\":\"" + party + "\",\"turn\":" + turn + "}");
        }
        call.advance(2000 + random.nextInt(2000));
        call.event("PLAYBACK_COMPLETE", "{\"target\":\"" + party + "\",\"turn\":" + turn
                + ",\"duration_ms\":2400.0,\"interrupted\":false}");
    }

    private void synthesis(Call call, String target, int turn, boolean cached) throws IOException {
        String sentence = "Thank you, calling the resident now.";
        call.event("SYNTHESIS_START", "{\"target\":\"" + target + "\",\"turn\":" + turn + ",\"text\":" + text(sentence)
                + ",\"provider\":\"freetts\"}");
        double ms = cached ? logNormal(0.3, 0.5) : logNormal(280, 0.7);
        call.advance(ms);
        call.event("SYNTHESIS_COMPLETE", "{\"target\":\"" + target + "\",\"turn\":" + turn + ",\"audio_bytes\":38400,"
                + "\"audio_ms\":2400.0,\"duration_ms\":" + num(ms) + ",\"provider\":\"freetts\",\"cached\":" + cached + "}");
    }

    private double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private String text(String s) {
        return compact ? "\"\"" : "\"" + s + "\"";
    }

    /** Three decimals, without String.format (which would dominate generation time). */
    static String num(double v) {
        long micros = Math.round(v * 1000);
        long whole = micros / 1000;
        long frac = Math.abs(micros % 1000);
        return whole + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }

    /** One call being written: its clock and sequence. */
    private static final class Call {
        final String callId;
        final Instant start;
        final Appendable out;
        double elapsed;
        long seq;

        Call(String callId, Instant start, Appendable out) {
            this.callId = callId;
            this.start = start;
            this.out = out;
        }

        void advance(double ms) {
            elapsed += ms;
        }

        void event(String type, String data) throws IOException {
            Instant ts = start.plus((long) (elapsed * 1000), ChronoUnit.MICROS);
            out.append("{\"ts\":\"").append(TS.format(ts)).append("\",\"call_id\":\"").append(callId)
                    .append("\",\"seq\":").append(Long.toString(seq++)).append(",\"elapsed_ms\":")
                    .append(num(elapsed)).append(",\"event\":\"").append(type).append("\",\"data\":")
                    .append(data).append("}\n");
        }
    }
}
