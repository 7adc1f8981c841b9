package dev.doorman.server.pipeline.vad;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

/**
 * The {@code vad} config section: settings of the {@link VoiceActivityDetector}. Every key is
 * optional; a missing key takes the default shown. Times are audio time (sample counts), rounded
 * up to whole analysis frames. See docs/vad.md for how each one acts and how to tune it.
 *
 * <pre>
 * vad:
 *   frameMs: 10            # analysis frame, 10 or 20
 *   startMs: 80            # speech-like audio needed before SPEECH_DETECTED (also drops clicks)
 *   hangoverMs: 600        # silence after the last speech frame before SPEECH_ENDED
 *   tailMs: 200            # audio kept in the utterance after its last speech frame (<= hangoverMs)
 *   preRollMs: 300         # audio kept before the detected start, so the first phoneme is not clipped
 *   maxUtteranceMs: 15000  # an utterance is cut (ended) once it is this long
 *   silenceReportMs: 5000  # SILENCE_DETECTED after this much silence, then every further period; 0 = off
 *   thresholdDb: 10.0      # a frame starts speech this far above the noise floor
 *   hysteresisDb: 4.0      # ... and keeps it going down to thresholdDb - hysteresisDb
 *   minLevelDbfs: -55.0    # frames quieter than this never start speech, whatever the floor
 *   voicingGainDb: 1.0     # onset needs one frame this spectrally coloured (rejects white noise); 0 = off
 *   floorRiseMs: 1500      # time constant of the noise floor's rise outside speech
 *   missingAudioMs: 100    # no audio frame for this long: the time without frames counts as silence
 * </pre>
 */
public record VadConfig(Integer frameMs, Integer startMs, Integer hangoverMs, Integer tailMs, Integer preRollMs,
                        Integer maxUtteranceMs, Integer silenceReportMs, Double thresholdDb, Double hysteresisDb,
                        Double minLevelDbfs, Double voicingGainDb, Integer floorRiseMs, Integer missingAudioMs) {

    public VadConfig {
        frameMs = frameMs == null ? 10 : frameMs;
        startMs = startMs == null ? 80 : startMs;
        hangoverMs = hangoverMs == null ? 600 : hangoverMs;
        tailMs = tailMs == null ? Math.min(200, hangoverMs) : tailMs;
        preRollMs = preRollMs == null ? 300 : preRollMs;
        maxUtteranceMs = maxUtteranceMs == null ? 15_000 : maxUtteranceMs;
        silenceReportMs = silenceReportMs == null ? 5_000 : silenceReportMs;
        thresholdDb = thresholdDb == null ? 10.0 : thresholdDb;
        hysteresisDb = hysteresisDb == null ? 4.0 : hysteresisDb;
        minLevelDbfs = minLevelDbfs == null ? -55.0 : minLevelDbfs;
        voicingGainDb = voicingGainDb == null ? 1.0 : voicingGainDb;
        floorRiseMs = floorRiseMs == null ? 1_500 : floorRiseMs;
        missingAudioMs = missingAudioMs == null ? 100 : missingAudioMs;

        check(frameMs == 10 || frameMs == 20, "frameMs", frameMs, "must be 10 or 20");
        check(startMs > 0 && startMs <= 1_000, "startMs", startMs, "must be in 1..1000");
        check(hangoverMs > 0 && hangoverMs <= 10_000, "hangoverMs", hangoverMs, "must be in 1..10000");
        check(tailMs >= 0 && tailMs <= hangoverMs, "tailMs", tailMs, "must be in 0..hangoverMs (" + hangoverMs + ")");
        check(preRollMs >= 0 && preRollMs <= 2_000, "preRollMs", preRollMs, "must be in 0..2000");
        check(maxUtteranceMs >= startMs + frameMs && maxUtteranceMs <= 600_000, "maxUtteranceMs", maxUtteranceMs,
                "must be in (startMs + frameMs)..600000");
        check(silenceReportMs >= 0, "silenceReportMs", silenceReportMs, "must be >= 0 (0 = off)");
        check(thresholdDb > 0 && thresholdDb <= 60, "thresholdDb", thresholdDb, "must be in (0, 60]");
        check(hysteresisDb >= 0 && hysteresisDb < thresholdDb, "hysteresisDb", hysteresisDb,
                "must be in [0, thresholdDb)");
        check(minLevelDbfs >= -100 && minLevelDbfs <= 0, "minLevelDbfs", minLevelDbfs, "must be in [-100, 0]");
        check(voicingGainDb >= 0 && voicingGainDb <= 30, "voicingGainDb", voicingGainDb, "must be in [0, 30]");
        check(floorRiseMs > 0 && floorRiseMs <= 600_000, "floorRiseMs", floorRiseMs, "must be in 1..600000");
        check(missingAudioMs >= 40 && missingAudioMs <= 5_000, "missingAudioMs", missingAudioMs, "must be in 40..5000");
    }

    /** All defaults. */
    public static VadConfig defaults() {
        return new VadConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Binds the raw {@code vad} section; errors name the key, e.g. {@code vad.hangoverMs}. */
    public static VadConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("vad", section, VadConfig.class);
    }

    public VadConfig withHangoverMs(int ms) {
        return new VadConfig(frameMs, startMs, ms, Math.min(tailMs, ms), preRollMs, maxUtteranceMs, silenceReportMs,
                thresholdDb, hysteresisDb, minLevelDbfs, voicingGainDb, floorRiseMs, missingAudioMs);
    }

    public VadConfig withStartMs(int ms) {
        return new VadConfig(frameMs, ms, hangoverMs, tailMs, preRollMs, maxUtteranceMs, silenceReportMs,
                thresholdDb, hysteresisDb, minLevelDbfs, voicingGainDb, floorRiseMs, missingAudioMs);
    }

    public VadConfig withPreRollMs(int ms) {
        return new VadConfig(frameMs, startMs, hangoverMs, tailMs, ms, maxUtteranceMs, silenceReportMs,
                thresholdDb, hysteresisDb, minLevelDbfs, voicingGainDb, floorRiseMs, missingAudioMs);
    }

    public VadConfig withMaxUtteranceMs(int ms) {
        return new VadConfig(frameMs, startMs, hangoverMs, tailMs, preRollMs, ms, silenceReportMs,
                thresholdDb, hysteresisDb, minLevelDbfs, voicingGainDb, floorRiseMs, missingAudioMs);
    }

    public VadConfig withSilenceReportMs(int ms) {
        return new VadConfig(frameMs, startMs, hangoverMs, tailMs, preRollMs, maxUtteranceMs, ms,
                thresholdDb, hysteresisDb, minLevelDbfs, voicingGainDb, floorRiseMs, missingAudioMs);
    }

    private static void check(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("vad." + key + " = " + value + ": " + rule);
        }
    }
}
