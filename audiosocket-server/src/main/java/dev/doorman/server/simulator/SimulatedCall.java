package dev.doorman.server.simulator;

import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated caller on one connection, behaving like Asterisk's {@code AudioSocket()}: the UUID
 * frame at once on connect, then one audio frame per 20 ms (the last frame of the file short, as
 * Asterisk sends it), DTMF as one 0x03 frame per digit, silence after the audio, and finally a close
 * without a hangup frame (that is how a caller's hang-up looks to the server). A 0x00 from the
 * server ends the call; so does anything Asterisk would drop the call for.
 *
 * <p>Pacing: a fixed-rate task on the channel's own event loop computes from {@link System#nanoTime()}
 * how many frames are due and sends them, so a late tick catches up instead of drifting, and no
 * thread is tied to a call. All state is confined to that event loop.
 */
final class SimulatedCall extends ChannelInboundHandlerAdapter {
    private static final byte[] NO_BYTES = new byte[0];

    private final SimulationOptions options;
    private final String callId;
    private final AudioFraming framing;
    private final byte[] speech;
    private final byte[] silence;
    private final int speechFrames;
    private final long totalFrames;
    private final long dtmfAtNanos;
    private final long dtmfIntervalNanos;
    private final CompletableFuture<CallResult> result = new CompletableFuture<>();
    private final GapRecorder received = new GapRecorder(AudioFraming.FRAME_NANOS);
    private final GapRecorder sent = new GapRecorder(AudioFraming.FRAME_NANOS);
    /** A listening caller that answers the bot, or null to play the WAV. */
    private final Conversation conversation;

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> deadline;
    private long startNanos;
    private long framesSent;
    private int dtmfSent;
    private long framesReceived;
    private long bytesReceived;
    private long firstAudioNanos = -1;
    private byte[] recording = NO_BYTES;
    private int recordingLength;
    private CallOutcome outcome;
    private String detail;

    SimulatedCall(SimulationOptions options, String callId) {
        this(options, callId, null);
    }

    SimulatedCall(SimulationOptions options, String callId, Conversation conversation) {
        this.conversation = conversation;
        this.options = options;
        this.callId = callId;
        this.framing = AudioFraming.forRate(options.sampleRate());
        this.speech = options.audio().pcm();
        this.silence = new byte[framing.frameBytes()];
        this.speechFrames = framing.framesFor(speech.length);
        this.dtmfAtNanos = options.dtmfAt().toNanos();
        this.dtmfIntervalNanos = options.dtmfInterval().toNanos();
        long scriptFrames = speechFrames + options.silenceAfter().toNanos() / AudioFraming.FRAME_NANOS;
        // Keep streaming (silence) until the last digit has been pressed.
        long dtmfFrames = options.dtmf().isEmpty() ? 0
                : (dtmfAtNanos + (options.dtmf().length() - 1) * dtmfIntervalNanos) / AudioFraming.FRAME_NANOS + 1;
        this.totalFrames = conversation != null ? Long.MAX_VALUE : Math.max(scriptFrames, dtmfFrames);
    }

    CompletableFuture<CallResult> result() {
        return result;
    }

    String callId() {
        return callId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startNanos = System.nanoTime();
        ctx.write(AudioSocketFrame.uuid(UUID.fromString(callId)));
        deadline = ctx.executor().schedule(() -> finish(CallOutcome.TIMED_OUT,
                "still connected after " + options.maxDuration()), options.maxDuration().toNanos(), TimeUnit.NANOSECONDS);
        if (options.mute()) {
            ctx.flush();
        } else {
            tick();
            ticker = ctx.executor().scheduleAtFixedRate(this::tick,
                    AudioFraming.FRAME_NANOS, AudioFraming.FRAME_NANOS, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    /** Sends every frame and digit that is due by now; hangs up once the script is done. */
    private void tick() {
        if (outcome != null) {
            return;
        }
        long now = System.nanoTime();
        long elapsed = now - startNanos;
        long due = Math.min(totalFrames, elapsed / AudioFraming.FRAME_NANOS + 1);
        boolean wrote = false;
        while (framesSent < due) {
            ctx.write(AudioSocketFrame.audio(framing.kind(), frame(framesSent)));
            sent.frameAt(now);
            framesSent++;
            wrote = true;
        }
        String digits = options.dtmf();
        while (dtmfSent < digits.length() && elapsed >= dtmfAtNanos + dtmfSent * dtmfIntervalNanos) {
            ctx.write(AudioSocketFrame.dtmf(digits.charAt(dtmfSent)));
            dtmfSent++;
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (conversation != null && conversation.over() && conversationOverSince(now)) {
            finish(CallOutcome.CALLER_HANGUP, null);
            return;
        }
        if (framesSent == totalFrames && dtmfSent == digits.length()
                && elapsed >= totalFrames * AudioFraming.FRAME_NANOS) {
            finish(CallOutcome.CALLER_HANGUP, null);
        }
    }

    private long overSinceNanos = -1;

    // The visitor hangs up once the doorman has decided, after --silence-after (the bot usually hangs up first).
    private boolean conversationOverSince(long now) {
        if (overSinceNanos < 0) {
            overSinceNanos = now;
        }
        return now - overSinceNanos >= options.silenceAfter().toNanos();
    }

    /** Frame {@code index} of the script: the audio (last frame as short as the file ends), then silence. */
    private ByteBuf frame(long index) {
        if (conversation != null) {
            return Unpooled.wrappedBuffer(conversation.nextFrame(System.nanoTime()));
        }
        if (index < speechFrames) {
            int offset = (int) index * framing.frameBytes();
            return Unpooled.wrappedBuffer(speech, offset, Math.min(framing.frameBytes(), speech.length - offset));
        }
        return Unpooled.wrappedBuffer(silence);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        AudioSocketFrame frame = (AudioSocketFrame) msg;
        try {
            if (outcome == null) {
                onFrame(frame, now);
            }
        } finally {
            frame.release();
        }
    }

    private void onFrame(AudioSocketFrame frame, long now) {
        FrameKind kind = frame.kind();
        if (kind == FrameKind.HANGUP) {
            finish(CallOutcome.SERVER_HANGUP, null);
        } else if (kind == FrameKind.ERROR) {
            int code = frame.errorCode();
            finish(CallOutcome.SERVER_ERROR, code < 0 ? "error frame" : String.format("error frame, code 0x%02x", code));
        } else if (!kind.isAudio()) {
            finish(CallOutcome.PROTOCOL_ERROR, "server sent a " + kind + " frame; Asterisk drops the call on that");
        } else if (kind != framing.kind()) {
            finish(CallOutcome.PROTOCOL_ERROR, "server sent " + kind.sampleRate() + " Hz audio (" + kind
                    + ") on a " + framing.sampleRate() + " Hz call");
        } else {
            onAudio(frame.payload(), now);
        }
    }

    private void onAudio(ByteBuf payload, long now) {
        if (firstAudioNanos < 0) {
            firstAudioNanos = now;
        }
        received.frameAt(now);
        framesReceived++;
        int length = payload.readableBytes();
        bytesReceived += length;
        if (conversation != null) {
            byte[] pcm = new byte[length];
            payload.getBytes(payload.readerIndex(), pcm);
            conversation.heard(pcm, now);
        }
        if (options.record()) {
            if (recordingLength + length > recording.length) {
                recording = Arrays.copyOf(recording, Math.max(recording.length * 2, recordingLength + length + 16_000));
            }
            payload.getBytes(payload.readerIndex(), recording, recordingLength, length);
            recordingLength += length;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Typically "Connection reset by peer": the server dropped the connection.
            finish(CallOutcome.SERVER_CLOSED, cause.getMessage());
        } else if (cause instanceof DecoderException && cause.getCause() != null) {
            finish(CallOutcome.PROTOCOL_ERROR, cause.getCause().getMessage());
        } else {
            // Includes AudioSocketProtocolException: zero-length audio, unknown kinds, bad lengths.
            finish(CallOutcome.PROTOCOL_ERROR, String.valueOf(cause.getMessage()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        long end = System.nanoTime();
        if (outcome == null) {
            outcome = CallOutcome.SERVER_CLOSED;
        }
        cancelTimers();
        if (conversation != null) {
            conversation.callEnded();
        }
        result.complete(new CallResult(callId, outcome, detail, framing.sampleRate(),
                (end - startNanos) / 1e6, framesSent, options.dtmf().substring(0, dtmfSent),
                framesReceived, bytesReceived, firstAudioNanos < 0 ? -1 : (firstAudioNanos - startNanos) / 1e6,
                Arrays.copyOf(recording, recordingLength), received, sent));
        ctx.fireChannelInactive();
    }

    private void finish(CallOutcome how, String why) {
        if (outcome != null) {
            return;
        }
        outcome = how;
        detail = why;
        cancelTimers();
        ctx.close();
    }

    private void cancelTimers() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
