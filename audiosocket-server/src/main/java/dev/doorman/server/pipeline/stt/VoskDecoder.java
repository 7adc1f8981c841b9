package dev.doorman.server.pipeline.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript.Hypothesis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One Vosk recognizer decoding one utterance, free or with a grammar, collecting the text of the
 * segments Vosk closes on its own (pauses) and of the final one. With {@code alternatives > 0} it
 * keeps Vosk's n-best list per segment. {@code [unk]} (Vosk's unknown word) is dropped from the
 * text and from the confidence.
 */
final class VoskDecoder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recognizer recognizer;
    private final String source;
    private final int alternatives;
    /** Per segment: its readings, best first. */
    private final List<List<String>> segments = new ArrayList<>();
    private double confidenceSum;
    private int words;

    /**
     * @param grammar      a Vosk grammar (JSON array of phrases), or null to decode freely
     * @param alternatives n-best list size (0 = best path only, with per-word confidences)
     */
    VoskDecoder(Model model, int rate, String grammar, int alternatives) {
        this.source = grammar != null ? Hypothesis.GRAMMAR : alternatives > 0 ? Hypothesis.NBEST : Hypothesis.FREE;
        this.alternatives = alternatives;
        try {
            this.recognizer = grammar == null ? new Recognizer(model, rate) : new Recognizer(model, rate, grammar);
        } catch (IOException | RuntimeException e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "cannot create a Vosk recognizer at " + rate + " Hz: " + e.getMessage(), e);
        }
        if (alternatives > 0) {
            recognizer.setMaxAlternatives(alternatives);
        }
        recognizer.setWords(true); // per-word confidences
    }

    void feed(byte[] chunk, int len) {
        if (len > 0 && recognizer.acceptWaveForm(chunk, len)) {
            collect(recognizer.getResult()); // Vosk closed a segment at a pause
        }
    }

    /** Flushes the decoder; returns its readings of the whole utterance, best first. */
    List<Hypothesis> finish() {
        collect(recognizer.getFinalResult());
        double confidence = words == 0 ? Double.NaN : confidenceSum / words;
        List<Hypothesis> readings = new ArrayList<>();
        int n = segments.stream().mapToInt(List::size).max().orElse(1);
        for (int i = 0; i < Math.max(1, n); i++) {
            List<String> parts = new ArrayList<>();
            for (List<String> segment : segments) {
                String part = segment.get(Math.min(i, segment.size() - 1));
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            String text = String.join(" ", parts);
            if (i == 0 || readings.stream().noneMatch(h -> h.text().equals(text))) {
                readings.add(new Hypothesis(text, i == 0 ? confidence : Double.NaN, source));
            }
        }
        return readings;
    }

    @Override
    public void close() {
        recognizer.close();
    }

    private void collect(String json) {
        JsonNode result;
        try {
            result = JSON.readTree(json);
        } catch (IOException e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "Vosk returned unreadable JSON: " + json, new UncheckedIOException(e));
        }
        List<String> readings = new ArrayList<>();
        if (alternatives > 0) {
            for (JsonNode alternative : result.path("alternatives")) {
                readings.add(clean(alternative.path("text").asText("")));
                if (readings.size() == 1) {
                    countWords(alternative.path("result"));
                }
            }
        } else {
            readings.add(clean(result.path("text").asText("")));
            countWords(result.path("result"));
        }
        if (!readings.isEmpty() && !(readings.size() == 1 && readings.get(0).isEmpty())) {
            segments.add(readings);
        }
    }

    private void countWords(JsonNode result) {
        for (JsonNode word : result) {
            if (DirectoryGrammar.UNKNOWN.equals(word.path("word").asText())) {
                continue;
            }
            confidenceSum += word.path("conf").asDouble(1.0);
            words++;
        }
    }

    private static String clean(String text) {
        return text.replace(DirectoryGrammar.UNKNOWN, " ").replaceAll("\\s+", " ").strip();
    }
}
