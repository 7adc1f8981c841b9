package dev.doorman.server.pipeline.vad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.server.pipeline.vad.RecordingListener.Event;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VoiceActivityDetectorTest {
    private static final int RATE = 8000;
    private static final VadConfig DEFAULTS = VadConfig.defaults();

    private final Signals signals = new Signals(RATE, 42);

    /** 1 s of -70 dBFS noise, a 500 ms tone at -20 dBFS (samples 8000..12000), 2 s of noise. */
    private byte[] oneBurst() {
        short[] audio = Signals.concat(signals.silence(1000), signals.tone(440, -20, 500), signals.silence(2000));
        return Signals.toBytes(signals.addNoise(audio, -70));
    }

    @Test
    void toneBurstStartsAndEndsAtExactSamples() {
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, oneBurst(), 320);

        List<Event> speech = r.events().stream().filter(e -> !e.type().equals("silence")).toList();
        assertEquals(2, speech.size(), speech.toString());
        Event start = speech.get(0);
        assertEquals(8000, start.startSample(), "speech starts at the first tone frame");
        assertEquals(8000 + 640, start.atSample(), "decided after startMs = 80 ms of speech");
        Event end = speech.get(1);
        assertEquals(12000, end.endSample(), "speech ends after the last tone frame");
        assertEquals(12000 + 4800, end.atSample(), "decided after hangoverMs = 600 ms of silence");
        assertEquals(500.0, end.value(), 1e-9);
        assertEquals(600.0, end.hangoverMs(), 1e-9);
        assertEquals(Utterance.EndedBy.SILENCE, r.utterances().get(0).endedBy());
    }

    @Test
    void silenceFedForMissingFramesEndsSpeechExactlyAsTransmittedSilenceWould() {
        // The tone, then the stream stops: what Asterisk sends with transmit_silence=no.
        short[] lead = Signals.concat(signals.silence(1000), signals.tone(440, -20, 500));
        byte[] head = Signals.toBytes(lead);
        RecordingListener fed = new RecordingListener();
        VoiceActivityDetector vad = new EnergyVoiceActivityDetector(DEFAULTS, RATE, fed);
        fed.clock(vad::samplesProcessed);
        vad.accept(head, 0, head.length);
        assertTrue(vad.inSpeech());
        vad.acceptSilence(4000); // 500 ms: still inside the 600 ms hangover
        assertTrue(vad.inSpeech());
        vad.acceptSilence(5 * 8000L);

        // The same audio with the silence actually transmitted (zeros, as transmit_silence=yes sends).
        byte[] whole = Signals.toBytes(Signals.concat(lead, new short[4000 + 5 * 8000]));
        RecordingListener sent = RecordingListener.run(DEFAULTS, RATE, whole, 320);
        assertEquals(sent.events(), fed.events(), "same decisions at the same samples");
        assertArrayEquals(sent.utterances().get(0).pcm(), fed.utterances().get(0).pcm());
        assertEquals(12000 + 4800, fed.events("end").get(0).atSample());
        assertEquals(1, fed.events("silence").size(), "silence keeps being reported without frames");
        assertThrows(IllegalArgumentException.class, () -> vad.acceptSilence(-1));
    }

    @Test
    void hangoverIsReportedAsTheSilenceActuallyWaitedRoundedUpToFrames() {
        VadConfig config = new VadConfig(20, null, 350, 100, null, null, null, null, null, null, null, null, null);
        RecordingListener r = RecordingListener.run(config, RATE, oneBurst(), 320);

        Utterance u = r.utterances().get(0);
        assertEquals(360.0, u.hangoverMs(), 1e-9, "350 ms rounds up to 18 frames of 20 ms");
        assertEquals(12000 + 2880, r.events("end").get(0).atSample());

        RecordingListener tenMs = RecordingListener.run(DEFAULTS.withHangoverMs(350), RATE, oneBurst(), 320);
        assertEquals(350.0, tenMs.utterances().get(0).hangoverMs(), 1e-9);
        assertEquals(12000 + 2800, tenMs.events("end").get(0).atSample());
    }

    @Test
    void utteranceHoldsPreRollSpeechAndTailExactly() {
        byte[] pcm = oneBurst();
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, pcm, 320);

        Utterance u = r.utterances().get(0);
        int from = 2 * (8000 - 2400); // 300 ms pre-roll
        int to = 2 * (12000 + 1600); // 200 ms tail
        assertArrayEquals(Arrays.copyOfRange(pcm, from, to), u.pcm());
        assertEquals(8000, u.sampleRate());
        assertEquals(1000.0, u.audioMs(), 1e-9);
        assertArrayEquals(u.pcm(), r.streamed().get(0), "streamed audio equals the utterance");
    }

    @Test
    void preRollNeverReachesBeforeTheFirstSample() {
        short[] audio = Signals.concat(signals.silence(100), signals.tone(300, -20, 400), signals.silence(1000));
        byte[] pcm = Signals.toBytes(audio);
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, pcm, 320);

        Utterance u = r.utterances().get(0);
        assertEquals(800, u.startSample());
        assertArrayEquals(Arrays.copyOfRange(pcm, 0, 2 * (4000 + 1600)), u.pcm());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 24, 320, 321, 1000, 0})
    void chunkingDoesNotChangeEventsOrAudio(int chunk) {
        short[] audio = Signals.concat(signals.silence(700), signals.tone(250, -25, 300), signals.silence(200),
                signals.tone(600, -18, 900), signals.silence(1500), signals.tone(400, -30, 150), signals.silence(6000));
        byte[] pcm = Signals.toBytes(new Signals(RATE, 7).addNoise(audio, -65));
        RecordingListener reference = RecordingListener.run(DEFAULTS, RATE, pcm, 320);
        assertEquals(2, reference.utterances().size(), reference.events().toString());
        assertFalse(reference.events("silence").isEmpty());

        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, pcm, chunk);
        assertEquals(reference.events(), r.events());
        for (int i = 0; i < reference.utterances().size(); i++) {
            assertArrayEquals(reference.utterances().get(i).pcm(), r.utterances().get(i).pcm());
            assertArrayEquals(r.utterances().get(i).pcm(), r.streamed().get(i));
        }
    }

    @Test
    void oddAndMixedSplitsGiveTheSameEvents() {
        byte[] pcm = oneBurst();
        RecordingListener reference = RecordingListener.run(DEFAULTS, RATE, pcm, 320);
        RecordingListener mixed = RecordingListener.run(DEFAULTS, RATE, pcm, new int[] {1, 319, 24, 7, 640, 3, 2});
        assertEquals(reference.events(), mixed.events());
        assertArrayEquals(reference.utterances().get(0).pcm(), mixed.utterances().get(0).pcm());
    }

    @Test
    void pauseShorterThanHangoverKeepsOneUtteranceIncludingThePause() {
        short[] audio = Signals.concat(signals.silence(1000), signals.tone(440, -20, 500), signals.silence(300),
                signals.tone(440, -20, 500), signals.silence(2000));
        byte[] pcm = Signals.toBytes(signals.addNoise(audio, -70));
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, pcm, 320);

        assertEquals(1, r.utterances().size());
        Utterance u = r.utterances().get(0);
        assertEquals(8000, u.startSample());
        assertEquals(8000 + 10400, u.endSample());
        assertEquals(1300.0, u.durationMs(), 1e-9);
        assertArrayEquals(Arrays.copyOfRange(pcm, 2 * (8000 - 2400), 2 * (18400 + 1600)), u.pcm(),
                "the held-back pause is released when speech resumes");
        assertArrayEquals(u.pcm(), r.streamed().get(0));
    }

    @Test
    void pauseLongerThanHangoverSplitsAndPreRollDoesNotOverlap() {
        short[] audio = Signals.concat(signals.silence(1000), signals.tone(440, -20, 500), signals.silence(700),
                signals.tone(440, -20, 500), signals.silence(2000));
        byte[] pcm = Signals.toBytes(signals.addNoise(audio, -70));
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, pcm, 320);

        assertEquals(2, r.utterances().size());
        Utterance second = r.utterances().get(1);
        assertEquals(8000 + 4000 + 5600, second.startSample());
        int firstEnd = 2 * (12000 + 1600);
        int secondStart = 2 * (17600 - 2400);
        assertTrue(secondStart >= firstEnd);
        assertArrayEquals(Arrays.copyOfRange(pcm, secondStart, 2 * (21600 + 1600)), second.pcm());
    }

    @Test
    void clicksShorterThanStartTimeAreIgnored() {
        short[] audio = Signals.concat(signals.silence(1000), signals.tone(1000, -10, 30), signals.silence(1000),
                signals.tone(1000, -10, 60), signals.silence(1000));
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, Signals.toBytes(signals.addNoise(audio, -70)), 320);
        assertTrue(r.events("start").isEmpty(), r.events().toString());
    }

    @Test
    void digitalSilenceReportsSilencePeriodicallyAndNoSpeech() {
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, Signals.toBytes(signals.silence(12_000)), 320);
        assertTrue(r.events("start").isEmpty());
        List<Event> silence = r.events("silence");
        assertEquals(2, silence.size());
        assertEquals(5000.0, silence.get(0).value(), 1e-9);
        assertEquals(40_000, silence.get(0).atSample());
        assertEquals(10_000.0, silence.get(1).value(), 1e-9);
    }

    @Test
    void silenceIsCountedFromTheEndOfSpeech() {
        RecordingListener r = RecordingListener.run(DEFAULTS.withSilenceReportMs(1500), RATE, oneBurst(), 320);
        List<Event> silence = r.events("silence");
        // before the burst: none (1 s < 1.5 s); after it: 1.5 s after sample 12000
        assertEquals(1, silence.size(), r.events().toString());
        assertEquals(12000 + 12000, silence.get(0).atSample());
        assertEquals(1500.0, silence.get(0).value(), 1e-9);

        RecordingListener off = RecordingListener.run(DEFAULTS.withSilenceReportMs(0), RATE, oneBurst(), 320);
        assertTrue(off.events("silence").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-70, -55, -45, -35, -25})
    void stationaryWhiteNoiseNeverStartsSpeechAndTheFloorFollowsIt(double dbfs) {
        RecordingListener listener = new RecordingListener();
        EnergyVoiceActivityDetector vad = new EnergyVoiceActivityDetector(DEFAULTS, RATE, listener);
        byte[] pcm = Signals.toBytes(signals.noise(dbfs, 8000));
        vad.accept(pcm, 0, pcm.length);
        assertTrue(listener.events("start").isEmpty(), listener.events().toString());
        assertEquals(dbfs, vad.noiseFloorDbfs(), 3.0, "floor near the noise level");
    }

    @Test
    void noiseThatStepsUpIsAbsorbedAndSpeechOnTopIsStillFound() {
        RecordingListener listener = new RecordingListener();
        EnergyVoiceActivityDetector vad = new EnergyVoiceActivityDetector(DEFAULTS, RATE, listener);
        listener.clock(vad::samplesProcessed);
        short[] quiet = signals.noise(-70, 2000);
        short[] loud = signals.noise(-35, 6000);
        short[] speechInNoise = signals.addNoise(signals.tone(300, -15, 800), -35);
        short[] after = signals.noise(-35, 2000);
        byte[] pcm = Signals.toBytes(Signals.concat(quiet, loud, speechInNoise, after));

        vad.accept(pcm, 0, 2 * (quiet.length + loud.length));
        assertTrue(listener.events("start").isEmpty(), "a step of white noise is not speech");
        assertEquals(-35, vad.noiseFloorDbfs(), 3.0);

        vad.accept(pcm, 2 * (quiet.length + loud.length), pcm.length - 2 * (quiet.length + loud.length));
        assertEquals(1, listener.utterances().size(), listener.events().toString());
        assertEquals(8000 * 8, listener.utterances().get(0).startSample());
        assertEquals(800.0, listener.utterances().get(0).durationMs(), 1e-9);
    }

    @Test
    void quietSoundsBelowTheAbsoluteMinimumNeverStartSpeech() {
        short[] audio = Signals.concat(signals.silence(1000), signals.tone(440, -60, 1000), signals.silence(1000));
        RecordingListener r = RecordingListener.run(DEFAULTS, RATE, Signals.toBytes(audio), 320);
        assertTrue(r.events("start").isEmpty());
    }

    @Test
    void longSpeechIsCutAtMaxUtteranceWithoutLosingAudio() {
        short[] audio = Signals.concat(signals.silence(1000), signals.tone(440, -20, 3000), signals.silence(2000));
        byte[] pcm = Signals.toBytes(signals.addNoise(audio, -70));
        RecordingListener r = RecordingListener.run(DEFAULTS.withMaxUtteranceMs(1000), RATE, pcm, 320);

        assertEquals(3, r.utterances().size(), r.events().toString());
        List<Event> ends = r.events("end");
        for (int i = 0; i < 3; i++) {
            Utterance u = r.utterances().get(i);
            assertEquals(8000 + 8000L * i, u.startSample());
            assertEquals(1000.0, u.durationMs(), 1e-9);
            assertEquals(0.0, u.hangoverMs(), 1e-9, "a cut does not wait for silence");
            assertEquals(Utterance.EndedBy.MAX_LENGTH, u.endedBy());
            assertEquals(8000 + 8000L * (i + 1), ends.get(i).atSample());
            assertArrayEquals(u.pcm(), r.streamed().get(i));
        }
        byte[] all = new byte[0];
        for (Utterance u : r.utterances()) {
            byte[] joined = Arrays.copyOf(all, all.length + u.pcm().length);
            System.arraycopy(u.pcm(), 0, joined, all.length, u.pcm().length);
            all = joined;
        }
        assertArrayEquals(Arrays.copyOfRange(pcm, 2 * (8000 - 2400), 2 * 32000), all,
                "consecutive cut utterances tile the audio: no gap, no overlap");
    }

    @Test
    void worksAtSixteenKilohertz() {
        Signals wide = new Signals(16000, 3);
        short[] audio = Signals.concat(wide.silence(1000), wide.tone(440, -20, 500), wide.silence(2000));
        byte[] pcm = Signals.toBytes(wide.addNoise(audio, -70));
        RecordingListener r = RecordingListener.run(DEFAULTS, 16000, pcm, 640);

        Utterance u = r.utterances().get(0);
        assertEquals(16000, u.startSample());
        assertEquals(24000, u.endSample());
        assertEquals(16000 + 1280, r.events("start").get(0).atSample());
        assertEquals(24000 + 9600, r.events("end").get(0).atSample());
        assertEquals(2 * (8000 + 4800 + 3200), u.pcm().length);
    }

    @Test
    void resetEndsTheUtteranceInProgressAndForgetsTheRest() {
        RecordingListener listener = new RecordingListener();
        VoiceActivityDetector vad = new EnergyVoiceActivityDetector(DEFAULTS, RATE, listener);
        listener.clock(vad::samplesProcessed);
        byte[] pcm = oneBurst();
        vad.accept(pcm, 0, 2 * 11_500);
        assertTrue(vad.inSpeech());
        vad.reset();
        assertFalse(vad.inSpeech());
        assertEquals(1, listener.utterances().size(), "every start gets its end");
        Utterance cut = listener.utterances().get(0);
        assertEquals(11_440, cut.endSample(), "the last complete frame before the reset");
        assertEquals(430.0, cut.durationMs(), 1e-9);
        assertEquals(7.5, cut.hangoverMs(), 1e-9);
        assertEquals(Utterance.EndedBy.RESET, cut.endedBy());
        assertArrayEquals(Arrays.copyOfRange(pcm, 2 * (8000 - 2400), 2 * 11_440), cut.pcm());

        vad.accept(pcm, 2 * 11_500, pcm.length - 2 * 11_500);
        assertEquals(1, listener.events("start").size(), "the 60 ms of tone after the reset are too short to restart");

        byte[] again = oneBurst();
        vad.accept(again, 0, again.length);
        assertEquals(2, listener.utterances().size());
        long offset = pcm.length / 2;
        assertEquals(offset + 8000, listener.utterances().get(1).startSample(), "the sample clock keeps running");
    }

    @Test
    void rejectsBadInputWithClearErrors() {
        RecordingListener listener = new RecordingListener();
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> new EnergyVoiceActivityDetector(DEFAULTS, 11025, listener));
        assertTrue(rate.getMessage().contains("11025"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EnergyVoiceActivityDetector(DEFAULTS, 0, listener));
        assertThrows(NullPointerException.class, () -> new EnergyVoiceActivityDetector(DEFAULTS, RATE, null));

        VoiceActivityDetector vad = new EnergyVoiceActivityDetector(DEFAULTS, RATE, listener);
        assertThrows(IndexOutOfBoundsException.class, () -> vad.accept(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> vad.accept(new byte[10], -1, 2));
        vad.accept(new byte[10], 10, 0);
        assertEquals(0, vad.samplesProcessed());
        vad.accept(new byte[11], 0, 11);
        assertEquals(5, vad.samplesProcessed(), "an odd byte waits for its partner");
    }
}
