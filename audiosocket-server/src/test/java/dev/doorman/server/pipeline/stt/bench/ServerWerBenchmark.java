package dev.doorman.server.pipeline.stt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.SampleDialogConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * WER through the server against feeding the recognizer directly, on the same Allison prompts in
 * one run. Through the server: a simulated caller waits out the intercom greeting (6 s silence),
 * plays the prompt over AudioSocket, and the transcript is every {@code TRANSCRIPTION_COMPLETE}
 * text of the call joined in turn order (so VAD cuts and split utterances count). Direct: the same
 * file streamed in 20 ms chunks into a recognizer built from the same {@code stt} section.
 *
 * <p>Args: {@code [count] [concurrency]} (defaults 24 and 4): every k-th prompt of 1-4 s is used.
 */
public final class ServerWerBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<AllisonCorpus.Prompt> candidates = new ArrayList<>();
        for (AllisonCorpus.Prompt p : AllisonCorpus.installed().prompts()) {
            double ms = WavFile.read(p.wav()).durationMs();
            if (ms >= 1000 && ms <= 4000) {
                candidates.add(p);
            }
        }
        List<AllisonCorpus.Prompt> prompts = new ArrayList<>();
        int step = Math.max(1, candidates.size() / count);
        for (int i = 0; i < candidates.size() && prompts.size() < count; i += step) {
            prompts.add(candidates.get(i));
        }
        Path logDir = Files.createDirectories(Path.of("/tmp/doorman-server-wer-bench"));
        ServerConfig config = SampleDialogConfig.onLoopback(Path.of("samples/config.yaml"), logDir);

        List<String> serverText = new ArrayList<>();
        try (IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(config::section, 8000);
             CallSimulator simulator = new CallSimulator(concurrency)) {
            DoormanServer server = DoormanServer.builder(config).behaviors(dialog).build().start();
            try {
                for (int start = 0; start < prompts.size(); start += concurrency) {
                    List<CompletableFuture<CallResult>> calls = new ArrayList<>();
                    for (int i = start; i < Math.min(prompts.size(), start + concurrency); i++) {
                        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
                        pcm.write(new byte[8000 * 2 * 6]);
                        pcm.write(WavFile.read(prompts.get(i).wav()).pcm());
                        calls.add(simulator.call(SimulationOptions.builder("127.0.0.1", server.audioSocketPort(),
                                        new WavFile(8000, pcm.toByteArray()))
                                .silenceAfter(Duration.ofSeconds(3))
                                .maxDuration(Duration.ofSeconds(30))
                                .build()));
                    }
                    for (CompletableFuture<CallResult> call : calls) {
                        serverText.add(transcriptOf(logDir.resolve(call.get(120, TimeUnit.SECONDS).callId() + ".jsonl")));
                    }
                }
            } finally {
                server.close();
            }
        }

        WordErrorRate wer = new WordErrorRate();
        int refWords = 0;
        int serverEdits = 0;
        int directEdits = 0;
        int serverPerfect = 0;
        int directPerfect = 0;
        try (SpeechRecognizer vosk = new SpeechRecognizerFactory().create(SttConfig.from(config.section("stt")))) {
            for (int i = 0; i < prompts.size(); i++) {
                AllisonCorpus.Prompt p = prompts.get(i);
                String direct = directTranscript(vosk, WavFile.read(p.wav()));
                WordErrorRate.Score s = wer.score(p.reference(), serverText.get(i));
                WordErrorRate.Score d = wer.score(p.reference(), direct);
                refWords += s.referenceWords();
                serverEdits += s.edits();
                directEdits += d.edits();
                serverPerfect += s.edits() == 0 ? 1 : 0;
                directPerfect += d.edits() == 0 ? 1 : 0;
                if (s.edits() != d.edits()) {
                    System.out.printf("%s: ref=\"%s\" server=\"%s\" direct=\"%s\"%n",
                            p.name(), p.reference(), serverText.get(i), direct);
                }
            }
        }
        System.out.printf("prompts of 1-4 s: %d, reference words: %d, calls %d at a time%n",
                prompts.size(), refWords, concurrency);
        System.out.println("| path | word errors | corpus WER | files with 0 errors |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.printf("| through the server (AudioSocket, VAD, streaming) | %d | %.2f %% | %d |%n",
                serverEdits, 100.0 * serverEdits / refWords, serverPerfect);
        System.out.printf("| direct (file streamed into the recognizer) | %d | %.2f %% | %d |%n",
                directEdits, 100.0 * directEdits / refWords, directPerfect);
    }

    private static String transcriptOf(Path callFile) throws Exception {
        Map<Integer, StringBuilder> byTurn = new TreeMap<>();
        for (String line : Files.readAllLines(callFile)) {
            JsonNode e = JSON.readTree(line);
            if ("TRANSCRIPTION_COMPLETE".equals(e.path("event").asText())) {
                JsonNode data = e.path("data");
                byTurn.computeIfAbsent(data.path("turn").asInt(), k -> new StringBuilder())
                        .append(' ').append(data.path("text").asText(""));
            }
        }
        StringBuilder all = new StringBuilder();
        byTurn.values().forEach(all::append);
        return all.toString().trim();
    }

    private static String directTranscript(SpeechRecognizer stt, WavFile wav) {
        try (RecognitionStream s = stt.open(wav.sampleRate())) {
            byte[] pcm = wav.pcm();
            for (int i = 0; i < pcm.length; i += 320) {
                s.accept(pcm, i, Math.min(320, pcm.length - i));
            }
            return s.finish().text();
        }
    }
}
