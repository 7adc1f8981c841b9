package dev.doorman.server.call;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.server.pipeline.vad.Utterance;
import dev.doorman.server.pipeline.vad.VadListener;
import dev.doorman.server.pipeline.vad.VoiceActivityDetector;
import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call on one connection: runs the VAD over the caller's audio, paces the prompts out, logs the
 * call's events and drives its {@link CallBehavior}. Everything runs on the channel's event loop;
 * only {@link #isActive()}, {@link #snapshot()} and the thread-hopping methods are safe elsewhere.
 */
public final class CallSession implements CallControl, PlayoutClock.Participant {
    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
    /**
     * Silence sent after the last prompt before a hang-up (300 ms): the prompt's last frames are
     * still on their way through Asterisk (a Local channel's queue, the phone's jitter buffer) and
     * the hang-up must not overtake them.
     */
    static final int HANGUP_GRACE_FRAMES = 15;

    private final Channel channel;
    private final CallInfo info;
    private final CallServices services;
    private final CallSettings settings;
    private final CallMetrics metrics;
    private final PlayoutClock clock;
    private final PlaybackQueue playback = new PlaybackQueue(new PlaybackEvents());
    private final Executor callWorkers = this::submitToWorkers;
    private final long startNanos;
    private final LegRouter.Leg leg;
    private final Party party;
    private final String building;
    private final PeerWatch watch;
    private final VisitorTurns turns = new VisitorTurns();

    private CallLogger logger;
    private CallBehavior behavior;
    private FrameKind kind;
    private byte[] silence;
    private VoiceActivityDetector vad;
    private byte[] scratch = new byte[640];
    private int speechTurn;
    private boolean speaking;
    private boolean hangupAfterPlayback;
    private int hangupGraceFrames = HANGUP_GRACE_FRAMES;
    private long lastSendNanos;
    private boolean frameAhead;
    private boolean streaming;
    private int unwritableRun;
    private ScheduledFuture<?> maxDurationTimer;
    private volatile boolean active = true;
    private volatile String state = "listening";

    /** @param leg the leg this connection is, when the server placed it itself; null for an incoming call */
    CallSession(Channel channel, String callId, CallServices services, LegRouter.Leg leg) {
        this.channel = channel;
        this.leg = leg;
        this.party = leg == null ? Party.VISITOR : leg.party();
        this.building = leg != null && leg.building() != null ? leg.building() : services.building();
        this.services = services;
        this.settings = services.settings();
        this.metrics = services.metrics();
        this.clock = services.clocks().forLoop(channel.eventLoop());
        this.info = new CallInfo(callId, channel.remoteAddress(), settings.defaultSampleRate());
        this.kind = FrameKind.audioForRate(settings.defaultSampleRate());
        this.silence = new byte[kind.bytesPer20Ms()];
        this.startNanos = System.nanoTime();
        this.watch = new PeerWatch(settings.vad().missingAudioMs(), startNanos);
    }

    /** Logs CALL_SETUP, starts pacing (comfort silence from the first tick) and the behavior. */
    void start() {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("remote", address(channel.remoteAddress()));
        setup.put("local", address(channel.localAddress()));
        setup.put("audio_kind", String.format("0x%02x", kind.code()));
        setup.put("sample_rate", kind.sampleRate());
        setup.put("building", building);
        if (leg != null) {
            logger = leg.logger(); // the leg writes into its call's file, which is already set up
            metrics.legStarted();
        } else {
            logger = services.loggers().getLogger(info.callId(), setup);
            metrics.callStarted(building);
        }
        long maxMillis = settings.maxCallDuration().toMillis();
        maxDurationTimer = channel.eventLoop().schedule(CallLogContext.wrap(info.callId(), () -> end("max_duration", true)),
                maxMillis, TimeUnit.MILLISECONDS);
        vad = services.vads().create(settings.vad(), kind.sampleRate(), new VadEvents());
        clock.add(this);
        try {
            behavior = leg != null ? leg.behavior() : services.behaviors().create(info);
        } catch (RuntimeException e) {
            LOG.error("call {}: behavior could not be created", info.callId(), e);
            logger.logError("behavior", String.valueOf(e), "behavior", Map.of("exception", e.getClass().getName()));
            metrics.behaviorError();
            end("error", true);
            return;
        }
        safely(() -> behavior.onCallStarted(this));
        updateState();
    }

    /** Caller audio: tracks the format Asterisk actually sends and feeds the VAD. */
    void onAudio(AudioSocketFrame frame) {
        if (!active) {
            return;
        }
        if (frame.kind() != kind) {
            switchFormat(frame.kind());
        }
        watch.onAudioFrame(System.nanoTime());
        ByteBuf payload = frame.payload();
        int len = payload.readableBytes();
        if (scratch.length < len) {
            scratch = new byte[len];
        }
        payload.getBytes(payload.readerIndex(), scratch, 0, len);
        vad.accept(scratch, 0, len);
    }

    void onDtmf(char digit) {
        if (!active) {
            return;
        }
        metrics.dtmf();
        int turn = turns.digit();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", party.wireName());
        data.put("digit", String.valueOf(digit));
        data.put("turn", turn);
        logger.logEvent(EventType.DTMF_RECEIVED, data);
        updateState();
        safely(() -> behavior.onDtmf(this, turn, digit));
    }

    /**
     * No whole frame arrived for {@code server.idleTimeoutSeconds}: a quiet caller goes on, a peer
     * that cannot be shown alive is hung up (see {@link PeerWatch}).
     *
     * @param bufferedBytes bytes of an unfinished frame the decoder holds
     */
    void onFramesIdle(int bufferedBytes, long idleSeconds) {
        if (!active) {
            return;
        }
        switch (watch.onFramesIdle(System.nanoTime(), bufferedBytes, channel.isWritable())) {
            case QUIET -> LOG.debug("call {}: no frame for {} s, the connection takes our audio: a quiet caller",
                    info.callId(), idleSeconds);
            case STALLED_MID_FRAME -> {
                metrics.protocolError("incomplete_frame");
                onProtocolError("incomplete_frame", bufferedBytes + " bytes of a frame and nothing more for "
                        + idleSeconds + " s (Asterisk writes frames whole)");
            }
            case UNPROVEN -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("idle_seconds", idleSeconds);
                details.put("sending", false);
                logger.logError("timeout", "no frame from the peer for " + idleSeconds
                        + " s and no audio sent that it could take", "transport", details);
                end("timeout", true);
            }
        }
    }

    /** The peer reported an error (kind 0xFF). */
    void onPeerError(int code) {
        if (!active) {
            return;
        }
        logger.logError("peer_error", "the peer sent an AudioSocket error frame", "protocol",
                Map.of("code", code));
        end("peer_error", false);
    }

    /** The peer broke the protocol after the UUID: logged in the call's file, then the call ends. */
    void onProtocolError(String violation, String message) {
        if (!active) {
            return;
        }
        logger.logError("protocol", message, "protocol", Map.of("violation", violation));
        end("protocol_error", false);
    }

    /** Logged as a call error; the call ends. */
    void onFailure(Throwable cause) {
        if (!active) {
            return;
        }
        logger.logError("internal", String.valueOf(cause), "server", Map.of("exception", cause.getClass().getName()));
        end("error", false);
    }

    private void switchFormat(FrameKind newKind) {
        logger.logEvent(EventType.AUDIO_FORMAT, Map.of("from_kind", String.format("0x%02x", kind.code()),
                "to_kind", String.format("0x%02x", newKind.code()), "sample_rate", newKind.sampleRate()));
        kind = newKind;
        silence = new byte[kind.bytesPer20Ms()];
        vad = services.vads().create(settings.vad(), kind.sampleRate(), new VadEvents());
        speaking = false;
    }

    @Override
    public void onTick(int frames, long latenessNanos) {
        if (!active) {
            return;
        }
        try (CallLogContext.Scope ignored = CallLogContext.enter(info.callId())) {
            sendFrames(frames, latenessNanos);
        }
    }

    private void sendFrames(int frames, long latenessNanos) {
        long now = System.nanoTime();
        long missing = watch.silenceDue(now, kind.sampleRate());
        if (missing > 0) {
            vad.acceptSilence(missing);
            if (!active) {
                return; // a listener ended the call
            }
        }
        boolean wrote = false;
        for (int i = 0; i < frames; i++) {
            AudioSocketFrame frame = playback.nextFrame(channel.alloc(), now);
            if (!active) {
                if (frame != null) {
                    frame.release();
                }
                return; // a listener ended the call
            }
            if (frame == null) {
                if (hangupAfterPlayback && hangupGraceFrames-- <= 0) {
                    end("server_hangup", true);
                    return;
                }
                if (!settings.comfortSilence() && !hangupAfterPlayback) {
                    lastSendNanos = 0; // a pause in the stream is not a pacing error
                    frameAhead = false;
                    continue;
                }
                if (frameAhead && !hangupAfterPlayback) { // the silence before a hang-up is counted in full
                    frameAhead = false; // a prompt started between ticks: this silence frame was sent ahead
                    lastSendNanos = 0;
                    continue;
                }
                frame = AudioSocketFrame.audio(kind, Unpooled.wrappedBuffer(silence));
            }
            if (!channel.isWritable()) {
                frame.release();
                metrics.frameSkipped();
                if (++unwritableRun >= settings.maxUnwritableFrames()) {
                    LOG.warn("call {}: peer stopped reading, closing", info.callId());
                    end("slow_reader", false);
                    return;
                }
                continue;
            }
            unwritableRun = 0;
            long sentAt = System.nanoTime();
            if (lastSendNanos != 0) {
                metrics.gap(Math.abs(sentAt - lastSendNanos - PlayoutClock.FRAME_NANOS));
            }
            lastSendNanos = sentAt;
            streaming = true;
            watch.onFrameWritten(sentAt);
            channel.write(frame, channel.voidPromise());
            metrics.frameSent(latenessNanos);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /**
     * Ends the call once: stops playback, tells the behavior, logs CALL_ENDED{reason} and closes
     * the connection, after a hangup frame when {@code sendHangup} (server-side endings).
     */
    void end(String reason, boolean sendHangup) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(CallLogContext.wrap(info.callId(), () -> end(reason, sendHangup)));
            return;
        }
        if (!active) {
            return;
        }
        active = false;
        state = "ended";
        if (maxDurationTimer != null) {
            maxDurationTimer.cancel(false);
        }
        clock.remove(this);
        playback.stop(System.nanoTime());
        if (behavior != null) {
            safely(() -> behavior.onCallEnded(this, reason));
        }
        if (leg == null) {
            metrics.callEnded(building, reason);
            closeLogAfter(behavior == null ? null : behavior.drained(), reason);
        } else {
            metrics.legEnded(reason); // the leg's behavior logs its end in the call's file
        }
        services.registry().unregister(this);
        if (sendHangup && channel.isActive()) {
            channel.writeAndFlush(AudioSocketFrame.hangup()).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    // CALL_ENDED is the file's last line: written once the behavior's trailing work (a second leg
    // hanging up, the door opening) has logged its events, or after DRAIN_LIMIT.
    private void closeLogAfter(CompletionStage<Void> drained, String reason) {
        Runnable close = () -> {
            logger.logCallEnded(reason);
            services.loggers().removeLogger(info.callId());
        };
        CompletableFuture<Void> pending = drained == null ? null : drained.toCompletableFuture();
        if (pending == null || pending.isDone()) {
            close.run();
            return;
        }
        AtomicBoolean once = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (once.compareAndSet(false, true)) {
                close.run();
            }
        };
        ScheduledFuture<?> limit = channel.eventLoop().schedule(closeOnce, CallSettings.DRAIN_LIMIT.toMillis(),
                TimeUnit.MILLISECONDS);
        pending.whenComplete((ok, error) -> {
            limit.cancel(false);
            closeOnce.run();
        });
    }

    Channel channel() {
        return channel;
    }

    // --- CallControl ---

    @Override
    public String callId() {
        return info.callId();
    }

    @Override
    public int sampleRate() {
        return kind.sampleRate();
    }

    @Override
    public CallLogger logger() {
        return logger;
    }

    @Override
    public void play(Prompt prompt) {
        if (!channel.eventLoop().inEventLoop()) {
            runOnCallThread(() -> play(prompt));
            return;
        }
        if (active) {
            boolean idle = !playback.isPlaying();
            playback.enqueue(prompt, kind);
            updateState();
            if (idle && !frameAhead && streaming) {
                sendFirstFrameNow();
            }
        }
    }

    // A prompt that starts while nothing plays sends its first frame now, not at the next tick 0-20 ms
    // later (that wait was most of the server's own share of a turn). The frame is one ahead of the
    // call's cadence, which the receiver's jitter buffer absorbs; the next comfort-silence frame is
    // skipped to fall back in step. Not before the call's first frame went out on a tick: a real
    // Asterisk loses a frame that arrives that early (the greeting's first 20 ms went missing).
    private void sendFirstFrameNow() {
        if (!channel.isWritable()) {
            return;
        }
        AudioSocketFrame frame = playback.nextFrame(channel.alloc(), System.nanoTime());
        if (frame == null || !active) {
            if (frame != null) {
                frame.release();
            }
            return;
        }
        watch.onFrameWritten(System.nanoTime());
        channel.writeAndFlush(frame, channel.voidPromise());
        metrics.frameSent(0);
        frameAhead = true;
        lastSendNanos = 0; // the gap to the next tick's frame is short on purpose
    }

    @Override
    public void stopPlayback() {
        if (!channel.eventLoop().inEventLoop()) {
            runOnCallThread(this::stopPlayback);
            return;
        }
        playback.stop(System.nanoTime());
        updateState();
    }

    @Override
    public boolean isPlaying() {
        return playback.isPlaying();
    }

    @Override
    public void hangup() {
        end("server_hangup", true);
    }

    /** Server shutdown: hangup frame, then CALL_ENDED{reason:"shutdown"}. Thread-safe. */
    public void hangupForShutdown() {
        end("shutdown", true);
    }

    @Override
    public void hangupAfterPlayback() {
        if (!channel.eventLoop().inEventLoop()) {
            runOnCallThread(this::hangupAfterPlayback);
            return;
        }
        if (playback.isPlaying()) {
            hangupAfterPlayback = true;
        } else {
            hangup();
        }
    }

    @Override
    public Executor workers() {
        return callWorkers;
    }

    @Override
    public void runOnCallThread(Runnable task) {
        try {
            channel.eventLoop().execute(CallLogContext.wrap(info.callId(), () -> {
                if (active) {
                    safely(task);
                }
            }));
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down: the call is ending anyway
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return channel.eventLoop().schedule(() -> {
            if (active) {
                safely(task);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** A thread-safe view for the admin endpoint. */
    public CallSnapshot snapshot() {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        return new CallSnapshot(info.callId(), building, party.wireName(), state, address(info.remoteAddress()),
                durationMs, kind.sampleRate(), turns.latest());
    }

    private void submitToWorkers(Runnable task) {
        try {
            services.workers().execute(CallLogContext.wrap(info.callId(), task));
        } catch (RejectedExecutionException e) {
            metrics.workerRejected();
            if (logger != null) {
                logger.logError("overload", "worker pool full: stage task rejected", "workers",
                        Map.of("pool_threads", services.workers().executor().getMaximumPoolSize(),
                                "queue_capacity", services.workers().executor().getQueue().remainingCapacity()
                                        + services.workers().executor().getQueue().size()));
            }
            throw e;
        }
    }

    private void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            metrics.behaviorError();
            LOG.warn("call {}: behavior failed", info.callId(), e);
            logger.logError("behavior", String.valueOf(e), "behavior", Map.of("exception", e.getClass().getName()));
        }
    }

    private void updateState() {
        state = !active ? "ended" : speaking ? "speaking" : playback.isPlaying() ? "playing" : "listening";
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** Logs PLAYBACK_* and tells the behavior. */
    private final class PlaybackEvents implements PlaybackQueue.Listener {
        @Override
        public void onPlaybackStarted(Prompt prompt) {
            turns.promptStarted();
            logger.logPlaybackStart(prompt.target(), prompt.turn());
            updateState();
            if (prompt.started() != null) {
                safely(prompt.started()); // e.g. the turn latency of an answer
            }
        }

        @Override
        public void onUnderrun(Prompt prompt) {
            metrics.underrun();
        }

        @Override
        public void onPlaybackFinished(PlaybackResult result) {
            logger.logPlaybackComplete(result.prompt().target(), result.prompt().turn(), result.durationMs(),
                    result.interrupted());
            metrics.promptFinished(result.interrupted());
            updateState();
            if (behavior != null) {
                safely(() -> behavior.onPlaybackFinished(CallSession.this, result));
            }
        }
    }

    /** Logs SPEECH_* / SILENCE_DETECTED, handles barge-in and tells the behavior. */
    private final class VadEvents implements VadListener {
        @Override
        public void onSpeechStarted(long startSample) {
            speechTurn = turns.speechStarted();
            speaking = true;
            metrics.utterance();
            logger.logSpeechDetected(party, speechTurn);
            if (settings.bargeIn() && playback.hasStarted()) {
                metrics.bargeIn();
                logger.logBargeIn(party, speechTurn);
                playback.stop(System.nanoTime());
            }
            updateState();
            int current = speechTurn;
            safely(() -> behavior.onSpeechStarted(CallSession.this, current));
        }

        @Override
        public void onSpeechAudio(byte[] pcm, int off, int len) {
            try {
                behavior.onSpeechAudio(CallSession.this, speechTurn, pcm, off, len);
            } catch (RuntimeException e) {
                metrics.behaviorError();
                LOG.warn("call {}: behavior failed on speech audio", info.callId(), e);
                logger.logError("behavior", String.valueOf(e), "behavior", Map.of("exception", e.getClass().getName()));
            }
        }

        @Override
        public void onSpeechEnded(Utterance utterance) {
            speaking = false;
            logSpeechEnded(utterance);
            updateState();
            int current = speechTurn;
            safely(() -> behavior.onSpeechEnded(CallSession.this, current, utterance));
        }

        /** SPEECH_ENDED; {@code ended_by} says why when it was not the caller's silence in the audio. */
        private void logSpeechEnded(Utterance utterance) {
            String endedBy = switch (utterance.endedBy()) {
                case MAX_LENGTH -> "max_utterance";
                case RESET -> "reset";
                case SILENCE -> watch.inAudioGap() ? "no_frames" : null;
            };
            if (endedBy == null) {
                logger.logSpeechEnded(party, speechTurn, utterance.durationMs(), utterance.hangoverMs());
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", party.wireName());
            data.put("turn", speechTurn);
            data.put("duration_ms", utterance.durationMs());
            data.put("hangover_ms", utterance.hangoverMs());
            data.put("ended_by", endedBy);
            logger.logEvent(EventType.SPEECH_ENDED, data);
        }

        @Override
        public void onSilence(double durationMs) {
            logger.logSilenceDetected(party, durationMs);
        }
    }
}
