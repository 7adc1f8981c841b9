package dev.doorman.server.pipeline.vad.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the textbook fixed-threshold energy VAD. Same 10 ms frames, start, hangover,
 * pre-roll and tail rules as the real detector, but a frame is speech when its level exceeds a
 * fixed dBFS threshold: no noise floor, no hysteresis, no spectral check.
 */
final class FixedThresholdVad {
    private final int frameSamples;
    private final double thresholdDbfs;
    private final int startFrames;
    private final int hangoverFrames;
    private final int preRollSamples;
    private final int tailFrames;

    FixedThresholdVad(int sampleRate, double thresholdDbfs, int startMs, int hangoverMs, int preRollMs, int tailMs) {
        this.frameSamples = sampleRate / 100;
        this.thresholdDbfs = thresholdDbfs;
        this.startFrames = startMs / 10;
        this.hangoverFrames = hangoverMs / 10;
        this.preRollSamples = preRollMs * sampleRate / 1000;
        this.tailFrames = tailMs / 10;
    }

    List<DetectedSpan> run(short[] signal) {
        List<DetectedSpan> spans = new ArrayList<>();
        int frames = signal.length / frameSamples;
        int run = 0;
        int silent = 0;
        boolean inSpeech = false;
        long start = 0;
        long end = 0;
        long lowerBound = 0;
        for (int f = 0; f < frames; f++) {
            boolean loud = level(signal, f * frameSamples) >= thresholdDbfs;
            long frameEnd = (long) (f + 1) * frameSamples;
            if (!inSpeech) {
                run = loud ? run + 1 : 0;
                if (run >= startFrames) {
                    inSpeech = true;
                    start = frameEnd - (long) run * frameSamples;
                    end = frameEnd;
                    silent = 0;
                }
            } else if (loud) {
                end = frameEnd;
                silent = 0;
            } else if (++silent >= hangoverFrames) {
                long pcmStart = Math.max(lowerBound, start - preRollSamples);
                long pcmEnd = end + (long) tailFrames * frameSamples;
                spans.add(new DetectedSpan(start, end, pcmStart, pcmEnd, false));
                lowerBound = pcmEnd;
                inSpeech = false;
                run = 0;
            }
        }
        if (inSpeech) {
            spans.add(new DetectedSpan(start, end, Math.max(lowerBound, start - preRollSamples), end, false));
        }
        return spans;
    }

    private double level(short[] x, int from) {
        double sum = 0;
        double sumSq = 0;
        for (int i = from; i < from + frameSamples; i++) {
            sum += x[i];
            sumSq += (double) x[i] * x[i];
        }
        double variance = sumSq / frameSamples - (sum / frameSamples) * (sum / frameSamples);
        return 10 * Math.log10(Math.max(variance, 1e-3) / (32768.0 * 32768.0));
    }
}
