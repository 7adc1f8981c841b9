package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.Prompt;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.RecognitionStream;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.vad.Utterance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call's intercom dialog over audio. Callbacks arrive on the call's event loop and only queue
 * work; the work runs in order on a per-call {@link SerialExecutor} over the shared worker pool:
 *
 * <ol>
 *   <li>speech start opens a recognition stream and the audio is fed to it while the visitor speaks;</li>
 *   <li>speech end finishes the stream ({@code TRANSCRIPTION_START/COMPLETE}); an empty transcript (noise)
 *       ends the turn silently;</li>
 *   <li>the dialog runs ({@code AI_PROCESSING_START}, intent and fuzzy validation events from the
 *       logging decorators, {@code STATE_CHANGE}, {@code CALL_MORADOR}, {@code AI_PROCESSING_COMPLETE});</li>
 *   <li>the answer is synthesized ({@code SYNTHESIS_START/COMPLETE}, usually from the phrase cache)
 *       and queued for playback back on the call thread (the session logs {@code PLAYBACK_START}).</li>
 * </ol>
 *
 * <p>Turns are processed in order. An answer whose visitor has already finished a newer utterance is
 * stale and dropped ({@code RESPONSE_DROPPED}) unless it ends the call. A failed stage is logged as
 * {@code ERROR{stage,error_type,message}} and answered with the spoken fallback; the call goes on.
 */
public final class IntercomCallBehavior implements CallBehavior {
    private final SpeechRecognizer recognizer;
    private final SpeechSynthesizer synthesizer;
    private final DialogSetup setup;

    // Owned by the serial executor's tasks (one at a time, in order).
    private IntercomDialog dialog;
    private RecognitionStream stream;
    private int streamTurn = -1;
    private StageException streamFailure;
    private volatile int currentTurn;

    // Event-loop state.
    private CallControl call;
    private CallLogger logger;
    private SerialExecutor serial;
    private volatile int lastEndedTurn;
    private volatile boolean ended;

    public IntercomCallBehavior(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer,
                         DialogSetup setup) {
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.setup = setup;
    }

    @Override
    public void onCallStarted(CallControl call) {
        this.call = call;
        this.logger = call.logger();
        this.serial = new SerialExecutor(call.workers(), this::taskFailed);
        int rate = call.sampleRate();
        serial.execute(() -> {
            dialog = setup.newDialog(logger, () -> currentTurn);
            DialogResponse greeting = dialog.start();
            logger.logGreeting(greeting.text());
            logTransitions(greeting);
            speak(0, greeting, rate, "greeting");
        });
    }

    @Override
    public void onSpeechStarted(CallControl call, int turn) {
        int rate = call.sampleRate();
        serial.execute(() -> openStream(turn, rate));
    }

    @Override
    public void onSpeechAudio(CallControl call, int turn, byte[] pcm, int off, int len) {
        byte[] chunk = Arrays.copyOfRange(pcm, off, off + len);
        serial.execute(() -> {
            if (stream != null && streamTurn == turn && streamFailure == null) {
                try {
                    stream.accept(chunk, 0, chunk.length);
                } catch (StageException e) {
                    streamFailure = e;
                }
            }
        });
    }

    @Override
    public void onSpeechEnded(CallControl call, int turn, Utterance utterance) {
        lastEndedTurn = turn;
        long endedNanos = System.nanoTime();
        int rate = call.sampleRate();
        long audioBytes = utterance.pcm().length;
        serial.execute(() -> processTurn(turn, audioBytes, rate, endedNanos));
    }

    @Override
    public void onDtmf(CallControl call, int turn, char digit) {
        int rate = call.sampleRate();
        serial.execute(() -> {
            if (dialog == null || ended) {
                return;
            }
            currentTurn = turn;
            DialogResponse response = dialog.onDtmf(digit);
            logTransitions(response);
            speak(turn, response, rate, "dtmf");
        });
    }

    @Override
    public void onCallEnded(CallControl call, String reason) {
        ended = true;
        serial.execute(this::closeStream);
    }

    // --- worker side ------------------------------------------------------------------------

    private void openStream(int turn, int rate) {
        closeStream();
        streamTurn = turn;
        streamFailure = null;
        if (ended) {
            return;
        }
        try {
            stream = recognizer.open(rate, dialog == null ? RecognitionHints.NONE : dialog.recognitionHints());
        } catch (StageException e) {
            streamFailure = e;
        }
    }

    // Transcription time counts from the end of speech: it includes any backlog of streamed audio the
    // recognizer had not decoded yet and the wait for a worker, not only finish().
    private void processTurn(int turn, long audioBytes, int rate, long endedNanos) {
        if (ended || dialog == null) {
            closeStream();
            return;
        }
        currentTurn = turn;
        logger.logTranscriptionStart(Party.VISITOR, turn, audioBytes, recognizer.provider());
        Transcript transcript;
        try {
            if (streamFailure != null || stream == null || streamTurn != turn) {
                throw streamFailure != null ? streamFailure : new StageException("transcription",
                        StageException.ENGINE, "no recognition stream for turn " + turn);
            }
            transcript = stream.finish();
        } catch (StageException e) {
            logStageError(turn, e);
            answer(turn, dialog.onStageFailure(), rate, "fallback");
            return;
        } finally {
            closeStream();
        }
        logger.logTranscriptionComplete(Party.VISITOR, turn, transcript.text(), (System.nanoTime() - endedNanos) / 1e6,
                recognizer.provider());
        if (transcript.isEmpty()) {
            return; // noise: the doorman does not talk
        }
        logger.logAiProcessingStart(turn, transcript.text());
        long aiStart = System.nanoTime();
        DialogResponse response;
        try {
            response = dialog.onTranscript(turn, transcript);
        } catch (StageException e) {
            logStageError(turn, e);
            response = dialog.onStageFailure();
        }
        logTransitions(response);
        logger.logAiProcessingComplete(turn, response.text(), (System.nanoTime() - aiStart) / 1e6);
        speak(turn, response, rate, "answer");
    }

    // A response produced outside the AI chain (stage failure): still logs its transitions.
    private void answer(int turn, DialogResponse response, int rate, String label) {
        logTransitions(response);
        speak(turn, response, rate, label);
    }

    private void speak(int turn, DialogResponse response, int rate, String label) {
        if (!response.speaks()) {
            if (response.hangup()) {
                call.runOnCallThread(call::hangup);
            }
            return;
        }
        if (!response.hangup() && lastEndedTurn > turn) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("turn", turn);
            data.put("reason", "newer_turn");
            data.put("newer_turn", lastEndedTurn);
            logger.logEvent(EventType.RESPONSE_DROPPED, data);
            return;
        }
        SynthesizedAudio audio = synthesize(turn, response.text(), rate);
        if (audio == null && !response.text().equals(dialog.fallbackText())) {
            audio = synthesize(turn, dialog.fallbackText(), rate);
        }
        byte[] pcm = audio == null ? null : audio.pcm();
        boolean hangup = response.hangup();
        call.runOnCallThread(() -> {
            if (pcm != null) {
                call.play(new Prompt(pcm, Party.VISITOR, turn, label));
            }
            if (hangup) {
                if (pcm != null) {
                    call.hangupAfterPlayback();
                } else {
                    call.hangup();
                }
            }
        });
    }

    private SynthesizedAudio synthesize(int turn, String text, int rate) {
        logger.logSynthesisStart(Party.VISITOR, turn, text, synthesizer.provider());
        long start = System.nanoTime();
        try {
            SynthesizedAudio audio = synthesizer.synthesize(text, rate);
            logger.logSynthesisComplete(Party.VISITOR, turn, audio.pcm().length, audio.durationMs(),
                    (System.nanoTime() - start) / 1e6, synthesizer.provider(), audio.cached());
            return audio;
        } catch (StageException e) {
            logStageError(turn, e);
            return null;
        }
    }

    private void logTransitions(DialogResponse response) {
        for (StateTransition t : response.transitions()) {
            logger.logStateChange(t.from().name(), t.to().name());
        }
        ResidentCall rc = response.residentCall();
        if (rc != null) {
            logger.logCallMorador(rc.apartment(), rc.resident(), rc.extension());
        }
    }

    private void logStageError(int turn, StageException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("turn", turn);
        if (e.getCause() != null) {
            details.put("cause", e.getCause().toString());
        }
        logger.logError(e.errorType(), e.getMessage(), e.stage(), details);
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException ignored) {
                // closing a broken stream must not end the turn
            }
            stream = null;
        }
    }

    private void taskFailed(Throwable t) {
        if (logger != null) {
            logger.logError(t instanceof java.util.concurrent.RejectedExecutionException ? "overloaded" : "internal",
                    String.valueOf(t), "dialog", Map.of());
        }
    }
}
