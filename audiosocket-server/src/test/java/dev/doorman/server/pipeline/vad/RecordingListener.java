package dev.doorman.server.pipeline.vad;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Records what a detector reports, each event stamped with the detector's sample clock at the
 * moment it fired (the decision point), so tests can compare event lists across chunkings.
 */
public final class RecordingListener implements VadListener {
    /** One event; {@code value} is the start sample, speech duration or silence duration. */
    public record Event(String type, long atSample, double value, double hangoverMs, long startSample, long endSample) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<Utterance> utterances = new ArrayList<>();
    private final List<byte[]> streamed = new ArrayList<>();
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    private LongSupplier clock = () -> -1;

    /** The detector whose {@code samplesProcessed()} stamps the events. */
    public void clock(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void onSpeechStarted(long startSample) {
        if (current.size() != 0) {
            throw new AssertionError("audio streamed before onSpeechStarted");
        }
        events.add(new Event("start", clock.getAsLong(), startSample, 0, startSample, 0));
    }

    @Override
    public void onSpeechAudio(byte[] pcm, int off, int len) {
        current.write(pcm, off, len);
    }

    @Override
    public void onSpeechEnded(Utterance u) {
        events.add(new Event("end", clock.getAsLong(), u.durationMs(), u.hangoverMs(), u.startSample(), u.endSample()));
        utterances.add(u);
        streamed.add(current.toByteArray());
        current = new ByteArrayOutputStream();
    }

    @Override
    public void onSilence(double durationMs) {
        events.add(new Event("silence", clock.getAsLong(), durationMs, 0, 0, 0));
    }

    public List<Event> events() {
        return events;
    }

    public List<Event> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public List<Utterance> utterances() {
        return utterances;
    }

    /** What onSpeechAudio delivered for each ended utterance. */
    public List<byte[]> streamed() {
        return streamed;
    }

    /** Audio streamed for an utterance that has not ended. */
    public byte[] pending() {
        return current.toByteArray();
    }

    /** Runs {@code pcm} through a new detector in chunks of {@code chunk} bytes (0 = one buffer). */
    public static RecordingListener run(VadConfig config, int rate, byte[] pcm, int chunk) {
        return run(config, rate, pcm, new int[] {chunk == 0 ? pcm.length : chunk});
    }

    /** Runs {@code pcm} through a new detector in chunks cycling through {@code sizes}. */
    public static RecordingListener run(VadConfig config, int rate, byte[] pcm, int[] sizes) {
        RecordingListener listener = new RecordingListener();
        VoiceActivityDetector vad = new EnergyVoiceActivityDetector(config, rate, listener);
        listener.clock(vad::samplesProcessed);
        int off = 0;
        for (int k = 0; off < pcm.length; k++) {
            int n = Math.min(Math.max(1, sizes[k % sizes.length]), pcm.length - off);
            vad.accept(pcm, off, n);
            off += n;
        }
        return listener;
    }
}
