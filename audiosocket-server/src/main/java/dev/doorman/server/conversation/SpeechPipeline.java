package dev.doorman.server.conversation;

import dev.doorman.events.Party;
import dev.doorman.server.admission.EngineLoad;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What every call leg's spoken turns share: the engines (one recognizer and one synthesizer for
 * the server), the {@link StageScheduler} whose threads run every leg's stages, the engines' measured
 * {@link EngineLoad} and the {@link PipelineMetrics}. {@link #open} gives a leg its pipeline.
 * Closing stops the scheduler's threads; the engines belong to whoever made them.
 */
public final class SpeechPipeline implements AutoCloseable {
    private final SpeechRecognizer recognizer;
    private final SpeechSynthesizer synthesizer;
    private final StageScheduler scheduler;
    private final EngineLoad load;
    private final PipelineMetrics metrics;

    public SpeechPipeline(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer, StageScheduler scheduler,
                          EngineLoad load, PipelineMetrics metrics) {
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.scheduler = scheduler;
        this.load = load;
        this.metrics = metrics;
    }

    /** A pipeline on {@code threads} threads of its own, with fresh load and metrics. */
    public static SpeechPipeline create(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer, int threads) {
        return new SpeechPipeline(recognizer, synthesizer, new StageScheduler(threads), new EngineLoad(),
                new PipelineMetrics());
    }

    /** The spoken turns of {@code party} on {@code call}; use on the call's event loop. */
    public SpokenTurns open(Party party, CallControl call) {
        return new SpokenTurns(this, party, call);
    }

    /**
     * Decodes {@code pcm} as a call would stream it, so the recognizer's cost is measured before the
     * first caller and admission knows the capacity from the start. It is decoded twice and the
     * second pass measured: the first warms the code up (a cold pass costs about twice as much).
     */
    public void calibrate(byte[] pcm, int sampleRate) {
        decode(pcm, sampleRate);
        load.decoded(pcm.length / 2.0 / sampleRate, decode(pcm, sampleRate));
    }

    // CPU nanoseconds this thread spent decoding pcm in 20 ms chunks.
    private long decode(byte[] pcm, int sampleRate) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int chunk = sampleRate / 50 * 2;
        try (RecognitionStream stream = recognizer.open(sampleRate)) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int off = 0; off < pcm.length; off += chunk) {
                stream.accept(pcm, off, Math.min(chunk, pcm.length - off));
            }
            stream.finish();
            return threads.getCurrentThreadCpuTime() - cpu;
        }
    }

    public SpeechRecognizer recognizer() {
        return recognizer;
    }

    public SpeechSynthesizer synthesizer() {
        return synthesizer;
    }

    public StageScheduler scheduler() {
        return scheduler;
    }

    public EngineLoad load() {
        return load;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
