package dev.doorman.server.pipeline.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.audio.Resampler;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One utterance decoded by Vosk as it arrives: {@link #accept} runs the decoder on each chunk, so
 * {@link #finish()} only flushes the last frames. Text of segments Vosk closes on its own
 * (internal end-pointing on pauses) is kept and joined with the final segment.
 */
final class VoskRecognitionStream implements RecognitionStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recognizer recognizer;
    private final Resampler resampler;
    private final List<String> segments = new ArrayList<>();
    private double confidenceSum;
    private int words;
    private boolean finished;
    private boolean closed;

    VoskRecognitionStream(Model model, int inputRate, int feedRate) {
        this.resampler = inputRate == feedRate ? null : new Resampler(inputRate, feedRate);
        try {
            this.recognizer = new Recognizer(model, feedRate);
        } catch (IOException | RuntimeException e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "cannot create a Vosk recognizer at " + feedRate + " Hz: " + e.getMessage(), e);
        }
        recognizer.setWords(true); // per-word confidences
    }

    @Override
    public void accept(byte[] pcm, int off, int len) {
        if (finished || closed) {
            throw new IllegalStateException("recognition stream already " + (closed ? "closed" : "finished"));
        }
        if (len <= 0) {
            return;
        }
        byte[] chunk;
        if (resampler != null) {
            chunk = resampler.process(pcm, off, len);
        } else if (off == 0) {
            chunk = pcm;
        } else {
            chunk = java.util.Arrays.copyOfRange(pcm, off, off + len);
        }
        feed(chunk, resampler != null ? chunk.length : len);
    }

    @Override
    public Transcript finish() {
        if (finished || closed) {
            throw new IllegalStateException("recognition stream already " + (closed ? "closed" : "finished"));
        }
        finished = true;
        if (resampler != null) {
            byte[] tail = resampler.flush();
            feed(tail, tail.length);
        }
        collect(recognizer.getFinalResult());
        String text = String.join(" ", segments);
        double confidence = words == 0 ? Double.NaN : confidenceSum / words;
        return new Transcript(text, confidence);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            recognizer.close();
        }
    }

    private void feed(byte[] chunk, int len) {
        if (len == 0) {
            return;
        }
        if (recognizer.acceptWaveForm(chunk, len)) {
            collect(recognizer.getResult()); // Vosk closed a segment at a pause
        }
    }

    private void collect(String json) {
        JsonNode result;
        try {
            result = JSON.readTree(json);
        } catch (IOException e) {
            throw new StageException("transcription", StageException.ENGINE,
                    "Vosk returned unreadable JSON: " + json, new UncheckedIOException(e));
        }
        String text = result.path("text").asText("").strip();
        if (!text.isEmpty()) {
            segments.add(text);
        }
        for (JsonNode word : result.path("result")) {
            confidenceSum += word.path("conf").asDouble(1.0);
            words++;
        }
    }
}
