package dev.doorman.server.pipeline.vad;

import java.util.Objects;

/**
 * Energy voice activity detector with an adaptive noise floor, for telephone audio (8 kHz first,
 * any rate that divides into 10 ms frames). It reads 16-bit little-endian mono PCM in chunks of
 * any length (odd byte counts included), analyses fixed 10/20 ms frames and decides by sample
 * count only, so the same audio gives the same events however it is chunked and however fast it
 * is fed.
 *
 * <p>A frame is <em>loud</em> when its level is {@code thresholdDb} above the noise floor (and above
 * {@code minLevelDbfs}), <em>active</em> when it is {@code thresholdDb - hysteresisDb} above.
 * Speech starts after {@code startMs} of active frames that began with a loud one and include at
 * least one spectrally coloured frame (prediction gain {@code >= voicingGainDb}, which white noise
 * never reaches); it ends after {@code hangoverMs} without an active frame, or is cut at
 * {@code maxUtteranceMs}. Utterance audio = pre-roll + speech + up to {@code tailMs} after the last
 * active frame; it is streamed as it becomes final, so the silence beyond the tail is held back
 * and only released if speech resumes.
 *
 * <p>One instance per call; not thread-safe; the per-frame path allocates nothing (one array per
 * finished utterance).
 */
public final class EnergyVoiceActivityDetector implements VoiceActivityDetector {
    private static final int ONSET_GRACE_MS = 200;

    private enum State { SILENCE, ONSET, SPEECH }

    private final VadListener listener;
    private final int sampleRate;
    private final int frameSamples;
    private final int startFrames;
    private final int maxOnsetFrames;
    private final long hangoverSamples;
    private final long tailSamples;
    private final long preRollSamples;
    private final long maxUtteranceSamples;
    private final long silenceReportSamples;
    private final double thresholdDb;
    private final double continueDb;
    private final double minLevelDbfs;
    private final double voicingGainDb;

    private final FrameFeatures features;
    private final NoiseFloor floor;
    private final AudioHistory history;
    private final UtteranceBuffer utterance;
    private final AudioHistory.Sink deliver = this::deliver;

    private long samples;
    private int frameFill;
    private boolean hasOddByte;
    private byte oddByte;

    private State state = State.SILENCE;
    private long onsetStart;
    private int onsetFrames;
    private boolean onsetVoiced;
    private long speechStart;
    private long speechEnd;
    private long emittedTo;
    private long audioLowerBound;
    private long silenceSince;
    private long nextSilenceReport;

    /**
     * @param sampleRate Hz; must divide into whole 10 ms frames (all AudioSocket rates do)
     * @throws IllegalArgumentException for an unusable rate
     */
    public EnergyVoiceActivityDetector(VadConfig config, int sampleRate, VadListener listener) {
        Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (sampleRate < 4_000 || sampleRate > 192_000 || sampleRate % 100 != 0) {
            throw new IllegalArgumentException("VAD sample rate " + sampleRate
                    + " Hz unsupported: need 4000..192000 Hz in whole 10 ms frames (a multiple of 100)");
        }
        this.sampleRate = sampleRate;
        int frameMs = config.frameMs();
        this.frameSamples = sampleRate * frameMs / 1000;
        this.startFrames = framesFor(config.startMs(), frameMs);
        this.maxOnsetFrames = startFrames + framesFor(ONSET_GRACE_MS, frameMs);
        this.hangoverSamples = (long) framesFor(config.hangoverMs(), frameMs) * frameSamples;
        this.tailSamples = (long) framesFor(config.tailMs(), frameMs) * frameSamples;
        this.preRollSamples = (long) config.preRollMs() * sampleRate / 1000;
        this.maxUtteranceSamples = (long) config.maxUtteranceMs() * sampleRate / 1000;
        this.silenceReportSamples = (long) config.silenceReportMs() * sampleRate / 1000;
        this.thresholdDb = config.thresholdDb();
        this.continueDb = config.thresholdDb() - config.hysteresisDb();
        this.minLevelDbfs = config.minLevelDbfs();
        this.voicingGainDb = config.voicingGainDb();

        this.features = new FrameFeatures();
        this.floor = new NoiseFloor(frameMs, config.floorRiseMs());
        long held = Math.max(preRollSamples + (long) maxOnsetFrames * frameSamples, hangoverSamples);
        this.history = new AudioHistory((int) (held + 2L * frameSamples));
        this.utterance = new UtteranceBuffer((int) Math.min(1 << 20, 4 * (preRollSamples + sampleRate)));
        this.nextSilenceReport = silenceReportSamples;
    }

    /**
     * Feeds 16-bit little-endian mono PCM. Chunks need not align to samples or frames.
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} lie outside {@code pcm}
     */
    @Override
    public void accept(byte[] pcm, int off, int len) {
        Objects.checkFromIndexSize(off, len, pcm.length);
        int i = off;
        int end = off + len;
        if (hasOddByte && i < end) {
            hasOddByte = false;
            sample(oddByte, pcm[i++]);
        }
        for (; i + 1 < end; i += 2) {
            sample(pcm[i], pcm[i + 1]);
        }
        if (i < end) {
            oddByte = pcm[i];
            hasOddByte = true;
        }
    }

    /**
     * Feeds {@code sampleCount} samples of digital silence: time that passed without audio (Asterisk
     * sends no frames while a channel is quiet unless {@code transmit_silence} is on), so an utterance
     * still ends after its hangover and silence is still reported. The detector sees exactly what
     * {@code transmit_silence=yes} would have sent. A dangling odd byte is dropped.
     */
    @Override
    public void acceptSilence(long sampleCount) {
        if (sampleCount < 0) {
            throw new IllegalArgumentException("negative sample count " + sampleCount);
        }
        hasOddByte = false;
        for (long i = 0; i < sampleCount; i++) {
            sample((byte) 0, (byte) 0);
        }
    }

    /**
     * Ends an utterance in progress now (as a cut: {@code onSpeechEnded} with the audio streamed so
     * far, so every start still gets its end), forgets a half-seen onset and restarts the silence
     * count. Nothing heard before the reset reaches a later utterance. The noise floor and the
     * sample clock stay.
     */
    @Override
    public void reset() {
        if (state == State.SPEECH) {
            end(samples, Utterance.EndedBy.RESET);
        }
        state = State.SILENCE;
        utterance.clear();
        onsetFrames = 0;
        emittedTo = samples;
        audioLowerBound = samples;
        silenceSince = samples;
        nextSilenceReport = samples + silenceReportSamples;
    }

    /** True between {@code onSpeechStarted} and {@code onSpeechEnded}. */
    @Override
    public boolean inSpeech() {
        return state == State.SPEECH;
    }

    /** Samples consumed so far (the detector's clock). */
    @Override
    public long samplesProcessed() {
        return samples;
    }

    /** Current noise floor estimate, dBFS. */
    public double noiseFloorDbfs() {
        return floor.level();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    private void sample(byte lo, byte hi) {
        history.put(lo, hi);
        features.add((short) ((lo & 0xff) | (hi << 8)));
        samples++;
        if (++frameFill == frameSamples) {
            frameFill = 0;
            features.finishFrame();
            onFrame(samples - frameSamples, samples);
        }
    }

    private void onFrame(long frameStart, long frameEnd) {
        double level = features.levelDbfs();
        double noise = floor.level();
        boolean loud = level >= Math.max(noise + thresholdDb, minLevelDbfs);
        boolean active = level >= Math.max(noise + continueDb, minLevelDbfs - (thresholdDb - continueDb));
        boolean voiced = features.predictionGainDb() >= voicingGainDb;

        switch (state) {
            case SILENCE -> {
                if (loud) {
                    state = State.ONSET;
                    onsetStart = frameStart;
                    onsetFrames = 1;
                    onsetVoiced = voiced;
                    floor.update(level, onsetVoiced);
                    maybeStart(frameEnd);
                } else {
                    floor.update(level, false);
                }
            }
            case ONSET -> {
                if (!active) {
                    state = State.SILENCE;
                    floor.update(level, false);
                } else {
                    onsetFrames++;
                    onsetVoiced |= voiced;
                    floor.update(level, onsetVoiced);
                    if (!maybeStart(frameEnd) && onsetFrames >= maxOnsetFrames) {
                        state = State.SILENCE; // loud but noise-like: let the floor catch up
                    }
                }
            }
            case SPEECH -> {
                floor.update(level, true);
                inSpeech(frameStart, frameEnd, active);
            }
        }
        if (state != State.SPEECH) {
            reportSilence(frameEnd);
        }
    }

    private boolean maybeStart(long frameEnd) {
        if (onsetFrames < startFrames || !onsetVoiced) {
            return false;
        }
        state = State.SPEECH;
        speechStart = onsetStart;
        speechEnd = frameEnd;
        long from = Math.max(Math.max(onsetStart - preRollSamples, audioLowerBound),
                frameEnd - history.capacitySamples());
        emittedTo = from;
        utterance.clear();
        listener.onSpeechStarted(speechStart);
        emit(frameEnd);
        return true;
    }

    private void inSpeech(long frameStart, long frameEnd, boolean active) {
        if (active) {
            speechEnd = frameEnd;
            emit(frameEnd); // releases held-back silence first
        } else {
            long silent = frameEnd - speechEnd;
            if (silent <= tailSamples) {
                emit(frameEnd);
            }
            if (silent >= hangoverSamples) {
                end(frameEnd, Utterance.EndedBy.SILENCE);
                return;
            }
        }
        if (frameEnd - speechStart >= maxUtteranceSamples) {
            end(frameEnd, Utterance.EndedBy.MAX_LENGTH);
        }
    }

    private void end(long decisionSample, Utterance.EndedBy endedBy) {
        state = State.SILENCE;
        audioLowerBound = emittedTo;
        silenceSince = speechEnd;
        nextSilenceReport = speechEnd + silenceReportSamples;
        Utterance done = new Utterance(utterance.drain(), sampleRate, speechStart, speechEnd,
                millis(speechEnd - speechStart), millis(decisionSample - speechEnd), endedBy);
        listener.onSpeechEnded(done);
    }

    private void reportSilence(long frameEnd) {
        if (silenceReportSamples == 0 || frameEnd < nextSilenceReport) {
            return;
        }
        listener.onSilence(millis(frameEnd - silenceSince));
        while (nextSilenceReport <= frameEnd) {
            nextSilenceReport += silenceReportSamples;
        }
    }

    private void emit(long to) {
        if (emittedTo < to) {
            long from = emittedTo;
            emittedTo = to;
            history.copy(from, to, deliver);
        }
    }

    private void deliver(byte[] pcm, int off, int len) {
        utterance.append(pcm, off, len);
        listener.onSpeechAudio(pcm, off, len);
    }

    private double millis(long sampleCount) {
        return sampleCount * 1000.0 / sampleRate;
    }

    private static int framesFor(int ms, int frameMs) {
        return (ms + frameMs - 1) / frameMs;
    }
}
