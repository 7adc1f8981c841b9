package dev.doorman.server.pipeline.stt;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.Transcript.Hypothesis;
import java.util.ArrayList;
import java.util.List;

/**
 * One utterance decoded by Vosk as it arrives: {@link #accept} runs the decoders on each chunk, so
 * {@link #finish()} only flushes the last frames. The first decoder gives the transcript's text;
 * the others (a grammar decoder beside a free one, n-best readings) give its alternatives.
 */
final class VoskRecognitionStream implements RecognitionStream {
    private final List<VoskDecoder> decoders;
    private final Resampler resampler;
    private boolean finished;
    private boolean closed;
    /** A byte of a sample split across chunks (fed as is, Vosk needs whole 16-bit samples), or -1. */
    private int carry = -1;

    /** @param decoders the main decoder first; the stream owns and closes them */
    VoskRecognitionStream(List<VoskDecoder> decoders, int inputRate, int feedRate) {
        this.decoders = List.copyOf(decoders);
        this.resampler = inputRate == feedRate ? null : new Resampler(inputRate, feedRate);
    }

    @Override
    public void accept(byte[] pcm, int off, int len) {
        if (finished || closed) {
            throw new IllegalStateException("recognition stream already " + (closed ? "closed" : "finished"));
        }
        if (len <= 0) {
            return;
        }
        if (resampler != null) {
            byte[] chunk = resampler.process(pcm, off, len);
            feed(chunk, chunk.length);
            return;
        }
        int head = carry >= 0 ? 1 : 0;
        int whole = (head + len) & ~1;
        byte[] chunk = new byte[whole];
        if (head == 1 && whole > 0) {
            chunk[0] = (byte) carry;
        }
        System.arraycopy(pcm, off, chunk, head, whole - head);
        carry = ((head + len) & 1) == 1 ? pcm[off + len - 1] & 0xFF : -1;
        feed(chunk, whole);
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
        List<Hypothesis> readings = new ArrayList<>();
        for (VoskDecoder decoder : decoders) {
            readings.addAll(decoder.finish());
        }
        Hypothesis best = readings.get(0);
        return new Transcript(best.text(), best.confidence(), best.source(), readings.subList(1, readings.size()));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            decoders.forEach(VoskDecoder::close);
        }
    }

    private void feed(byte[] chunk, int len) {
        for (VoskDecoder decoder : decoders) {
            decoder.feed(chunk, len);
        }
    }
}
