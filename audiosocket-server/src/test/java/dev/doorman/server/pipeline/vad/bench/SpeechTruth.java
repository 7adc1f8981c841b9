package dev.doorman.server.pipeline.vad.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Ground truth for one clean recording: a 10 ms frame is speech when its energy is within
 * {@code rangeDb} of the file's loudest frame. Speech segments are runs of such frames, joined
 * across gaps shorter than {@code joinMs} (pauses a VAD with that hangover must bridge).
 */
final class SpeechTruth {
    private final boolean[] speech;
    private final int frameSamples;
    private final List<long[]> segments = new ArrayList<>();

    SpeechTruth(short[] clean, int sampleRate, double rangeDb, int joinMs) {
        frameSamples = sampleRate / 100;
        int frames = clean.length / frameSamples;
        double[] level = new double[frames];
        double peak = -200;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            double sumSq = 0;
            for (int i = f * frameSamples; i < (f + 1) * frameSamples; i++) {
                sum += clean[i];
                sumSq += (double) clean[i] * clean[i];
            }
            double variance = sumSq / frameSamples - (sum / frameSamples) * (sum / frameSamples);
            level[f] = 10 * Math.log10(Math.max(variance, 1e-3) / (32768.0 * 32768.0));
            peak = Math.max(peak, level[f]);
        }
        speech = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            speech[f] = level[f] >= peak - rangeDb;
        }
        int joinFrames = joinMs / 10;
        int f = 0;
        while (f < frames) {
            if (!speech[f]) {
                f++;
                continue;
            }
            int start = f;
            int end = f + 1;
            int g = end;
            while (g < frames) {
                if (speech[g]) {
                    end = g + 1;
                } else if (g - end >= joinFrames) {
                    break;
                }
                g++;
            }
            segments.add(new long[] {(long) start * frameSamples, (long) end * frameSamples});
            f = end;
        }
    }

    /** Whether 10 ms frame {@code f} of the clean file is speech. */
    boolean isSpeech(int f) {
        return speech[f];
    }

    int frames() {
        return speech.length;
    }

    int frameSamples() {
        return frameSamples;
    }

    /** {start, end} sample pairs in the clean file. */
    List<long[]> segments() {
        return segments;
    }
}
