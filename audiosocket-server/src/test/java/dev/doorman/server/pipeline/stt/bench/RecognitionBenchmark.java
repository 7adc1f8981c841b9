package dev.doorman.server.pipeline.stt.bench;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.dialog.DialogConfig;
import dev.doorman.server.dialog.DialogResponse;
import dev.doorman.server.dialog.DialogState;
import dev.doorman.server.dialog.IntercomDialog;
import dev.doorman.server.dialog.ResidentToCall;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.intent.IntentExtractorFactory;
import dev.doorman.server.pipeline.intent.SpokenApartmentNumbers;
import dev.doorman.server.pipeline.intent.SpokenNumberParser;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.stt.VoskModelLocator;
import dev.doorman.server.pipeline.stt.VoskSpeechRecognizer;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.FuzzyDirectoryValidator;
import dev.doorman.server.pipeline.validation.MatchThresholds;
import dev.doorman.server.pipeline.validation.NameSimilarity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Directory-aware recognition on the {@link VisitorCorpus}: each utterance is decoded in every
 * mode, in the same run, and given to a fresh {@link IntercomDialog} in the state it answers (a
 * first turn, or a resident/apartment question after the visitor's name). When the doorman asks
 * "Did you say ...?" the simulated visitor answers yes if it names what they said and no
 * otherwise; when it asks for their name they give it. Scored on the resident the doorman decides
 * to call ({@code CALL_MORADOR}).
 *
 * <p>Run: {@code audiosocket-server/bench/recognition.sh [--count 150] [--seed 2024]}
 */
public final class RecognitionBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Mode(String key, String name, VoskSpeechRecognizer recognizer, int rate, boolean hints) { }

    private record Outcome(boolean right, boolean wrong, boolean numberSaid, boolean numberRight, int confirmations,
                           int wrongConfirmations, double cpuMs, String heard) { }

    public static void main(String[] args) throws Exception {
        int count = 150;
        long seed = 2024;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "doorman-recognition-corpus");
        List<String> only = List.of("java", "kaldi", "grammar", "grammar-kaldi", "grammar16");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--modes" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BuildingDirectory directory = VisitorCorpus.directory();
        System.out.printf("directory: %d apartments, %d residents; generating %d utterances (seed %d) in %s%n",
                directory.entries().size(), directory.residentNames().size(), count, seed, dir);
        List<VisitorCorpus.Utterance> corpus = VisitorCorpus.generate(VisitorCorpus.script(count, seed), dir);

        IntentConfig intent = IntentConfig.defaults();
        NameSimilarity similarity = new NameSimilarity();
        MatchThresholds thresholds = MatchThresholds.DEFAULTS;
        IntentExtractor extractor = new IntentExtractorFactory().create(intent,
                new DirectoryNameSpotter(directory, similarity, thresholds.valid()),
                apartment -> directory.apartment(apartment).isPresent());
        FuzzyDirectoryValidator validator = new FuzzyDirectoryValidator(directory, similarity, thresholds);
        List<String> phrases = new ArrayList<>(intent.effectiveRules().grammarPhrases());
        phrases.addAll(SpokenNumberParser.english().vocabulary());

        Path model = VoskModelLocator.forConfig(SttConfig.Vosk.defaults()).locate(null);
        VoskSpeechRecognizer javaResample = new VoskSpeechRecognizer(model, true, false, 0);
        VoskSpeechRecognizer kaldiFree = new VoskSpeechRecognizer(model, false, false, 0);
        VoskSpeechRecognizer grammar = new VoskSpeechRecognizer(model, true, true, 0);
        VoskSpeechRecognizer grammarKaldi = new VoskSpeechRecognizer(model, false, true, 0);
        System.out.println("grammar: " + grammar.useDirectory(directory, phrases, SpokenApartmentNumbers::forms).phrases().size()
                + " phrases; words the model lacks: " + grammar.grammar().droppedWords());
        grammarKaldi.useDirectory(directory, phrases, SpokenApartmentNumbers::forms);
        List<String> selected = only;
        List<Mode> modes = List.of(
                new Mode("java", "free decoding, Java resampling (the previous default)", javaResample, 8000, false),
                new Mode("kaldi", "free decoding, Kaldi upsampling", kaldiFree, 8000, false),
                new Mode("grammar", "directory grammar by dialog state, Java resampling (new default)", grammar, 8000, true),
                new Mode("grammar-kaldi", "directory grammar by dialog state, Kaldi upsampling", grammarKaldi, 8000, true),
                new Mode("grammar16", "directory grammar by dialog state, 16 kHz call (c(slin16))", grammar, 16000, true))
                .stream().filter(m -> selected.contains(m.key())).toList();

        List<List<Outcome>> results = new ArrayList<>();
        for (Mode mode : modes) {
            results.add(new ArrayList<>());
        }
        for (VisitorCorpus.Utterance u : corpus) {
            WavFile wav = WavFile.read(u.wav8k());
            for (int m = 0; m < modes.size(); m++) {
                Mode mode = modes.get(m);
                byte[] pcm = mode.rate() == 8000 ? wav.pcm() : Resampler.convert(wav.pcm(), 8000, mode.rate());
                Outcome o = evaluate(u, mode, pcm, extractor, validator, directory);
                results.get(m).add(o);
                if (!o.right()) {
                    System.out.printf("  [%s] #%d %s (%s, %s %d wpm) -> heard \"%s\"%s%n", shortName(mode), u.id(),
                            u.text(), u.channel(), u.voice(), u.speed(), o.heard(), o.wrong() ? "  WRONG RESIDENT" : "");
                }
            }
        }
        System.out.println();
        System.out.println("| mode | utterances | entity accuracy | wrong resident | number accuracy | confirmations asked (of a wrong candidate) | CPU ms per utterance, median / mean |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int m = 0; m < modes.size(); m++) {
            List<Outcome> rs = results.get(m);
            long right = rs.stream().filter(Outcome::right).count();
            long wrong = rs.stream().filter(Outcome::wrong).count();
            long numbers = rs.stream().filter(Outcome::numberSaid).count();
            long numbersRight = rs.stream().filter(o -> o.numberSaid() && o.numberRight()).count();
            int confirmations = rs.stream().mapToInt(Outcome::confirmations).sum();
            int wrongConfirmations = rs.stream().mapToInt(Outcome::wrongConfirmations).sum();
            double[] cpu = rs.stream().mapToDouble(Outcome::cpuMs).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% (%d) | %d | %.1f %% (%d of %d) | %d (%d) | %.0f / %.0f |%n",
                    modes.get(m).name(), rs.size(), 100.0 * right / rs.size(), right, wrong,
                    100.0 * numbersRight / Math.max(1, numbers), numbersRight, numbers, confirmations,
                    wrongConfirmations, cpu[cpu.length / 2], Arrays.stream(cpu).average().orElse(0));
        }
        for (VoskSpeechRecognizer r : List.of(javaResample, kaldiFree, grammar, grammarKaldi)) {
            r.close();
        }
    }

    private static String shortName(Mode mode) {
        return mode.name().length() > 24 ? mode.name().substring(0, 24) : mode.name();
    }

    private static Outcome evaluate(VisitorCorpus.Utterance u, Mode mode, byte[] pcm, IntentExtractor extractor,
                                    FuzzyDirectoryValidator validator, BuildingDirectory directory) {
        IntercomDialog dialog = new IntercomDialog(DialogConfig.DEFAULTS, extractor, validator, directory);
        dialog.start();
        int turn = 1;
        if (u.answering() == RecognitionHints.Expectation.DIRECTORY) {
            dialog.onTranscript(turn++, "my name is Peter Parker");
        }
        RecognitionHints hints = mode.hints() ? dialog.recognitionHints() : RecognitionHints.NONE;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        Transcript transcript;
        int chunk = mode.rate() / 50 * 2; // 20 ms frames, as Asterisk sends them
        try (RecognitionStream stream = mode.recognizer().open(mode.rate(), hints)) {
            for (int off = 0; off < pcm.length; off += chunk) {
                stream.accept(pcm, off, Math.min(chunk, pcm.length - off));
            }
            transcript = stream.finish();
        }
        double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
        DialogResponse response = dialog.onTranscript(turn++, transcript);
        int confirmations = 0;
        int wrongConfirmations = 0;
        for (int step = 0; step < 4 && response.residentCall() == null && !dialog.isOver(); step++) {
            if (dialog.state() == DialogState.CONFIRMING) {
                confirmations++;
                boolean namesIt = u.apartment() != null && response.text().contains(u.apartment())
                        || u.resident() != null && response.text().contains(u.resident());
                wrongConfirmations += namesIt ? 0 : 1;
                response = dialog.onTranscript(turn++, namesIt ? "yes" : "no");
            } else if (dialog.recognitionHints().expectation() == RecognitionHints.Expectation.NAME) {
                response = dialog.onTranscript(turn++, "my name is Peter Parker");
            } else if (response.text() != null && response.text().contains("Which apartment") && u.apartment() != null) {
                response = dialog.onTranscript(turn++, u.apartment()); // asked to choose: says the number
            } else if (response.text() != null && response.text().contains("Which of them") && u.resident() != null) {
                response = dialog.onTranscript(turn++, u.resident());
            } else {
                break;
            }
        }
        ResidentToCall call = response.residentCall();
        boolean right;
        boolean wrong;
        if (u.outsider()) {
            right = call == null;
            wrong = call != null;
        } else {
            boolean apartmentRight = call != null && call.apartment().apartment().equals(u.apartment());
            boolean residentRight = call != null && (call.resident() == null || u.resident() == null
                    || call.resident().equals(u.resident()));
            right = apartmentRight && residentRight;
            wrong = call != null && !right;
        }
        boolean numberSaid = u.saysNumber();
        String heard = String.format(Locale.ROOT, "%s (%.2f)", transcript.text(), transcript.confidence())
                + (transcript.alternatives().isEmpty() ? "" : " | " + String.join(" | ", transcript.alternatives().stream()
                        .map(h -> String.format(Locale.ROOT, "%s (%.2f)", h.text(), h.confidence())).toList()));
        return new Outcome(right, wrong, numberSaid, call != null && u.apartment() != null && call.apartment().apartment().equals(u.apartment()),
                confirmations, wrongConfirmations, cpuMs, heard);
    }

    private RecognitionBenchmark() {
    }
}
