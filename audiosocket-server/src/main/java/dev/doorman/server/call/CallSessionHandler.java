package dev.doorman.server.call;

import dev.doorman.server.protocol.AudioSocketDecoder;
import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.AudioSocketProtocolException;
import dev.doorman.server.protocol.FrameKind;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketException;
import java.util.UUID;

/**
 * The last handler of an AudioSocket connection: turns decoded frames and channel events into
 * the call's life cycle. The UUID frame starts the {@link CallSession} (or is refused when the call
 * is a duplicate or {@code maxCalls} are in progress: hangup frame, so the dialplan continues);
 * the socket closing is the caller hanging up (Asterisk sends no hangup frame); no whole frame for
 * the idle timeout makes the session judge whether the peer is quiet or gone ({@link PeerWatch}).
 * A protocol violation ends only this connection.
 */
public final class CallSessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CallSessionHandler.class);

    private final CallServices services;
    private final ThrottledWarnings warnings;
    private final long idleTimeoutSeconds;
    private CallSession session;

    /**
     * @param warnings           the server's throttle for WARN lines about misbehaving peers
     * @param idleTimeoutSeconds the idle timeout the pipeline's IdleStateHandler uses (for messages)
     */
    public CallSessionHandler(CallServices services, ThrottledWarnings warnings, long idleTimeoutSeconds) {
        this.services = services;
        this.warnings = warnings;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    /** The call on this connection, or null before the UUID arrived. */
    public CallSession session() {
        return session;
    }

    // Every event of a call runs with its id in the log's MDC (see CallLogContext).
    private CallLogContext.Scope logContext() {
        return CallLogContext.enter(session == null ? null : session.callId());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof AudioSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try (CallLogContext.Scope ignored = logContext()) {
            if (frame.kind() != FrameKind.UUID && session == null) {
                return; // the call was refused; the connection is closing
            }
            switch (frame.kind()) {
                case UUID -> startCall(ctx, frame.uuidValue());
                case DTMF -> session.onDtmf(frame.dtmfDigit());
                case HANGUP -> session.end("caller_hangup", false);
                case ERROR -> session.onPeerError(frame.errorCode());
                default -> session.onAudio(frame);
            }
        } finally {
            frame.release();
        }
    }

    private void startCall(ChannelHandlerContext ctx, UUID uuid) {
        String callId = uuid.toString();
        CallSession candidate = new CallSession(ctx.channel(), callId, services, services.legs().claim(callId));
        CallRegistry.Admission admission = services.registry().register(candidate);
        if (admission != CallRegistry.Admission.ADMITTED) {
            refuse(ctx, callId, admission);
            return;
        }
        session = candidate;
        try (CallLogContext.Scope ignored = CallLogContext.enter(callId)) {
            session.start();
        }
    }

    /** Hangup frame then close: with the AudioSocket application (or Dial's g) the dialplan continues. */
    private void refuse(ChannelHandlerContext ctx, String callId, CallRegistry.Admission admission) {
        if (admission == CallRegistry.Admission.DUPLICATE) {
            services.metrics().callRefused("duplicate_call");
            warnings.warn("duplicate_call", "refused {}: call {} is already in progress", ctx.channel().remoteAddress(), callId);
        } else {
            services.metrics().callRefused("max_calls");
            warnings.warn("max_calls", "refused {}: server.maxCalls ({}) calls in progress",
                    ctx.channel().remoteAddress(), services.registry().maxCalls());
        }
        ctx.writeAndFlush(AudioSocketFrame.hangup()).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        try (CallLogContext.Scope ignored = logContext()) {
            onUserEvent(ctx, evt);
        }
    }

    private void onUserEvent(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (session != null) {
                AudioSocketDecoder decoder = ctx.pipeline().get(AudioSocketDecoder.class);
                session.onFramesIdle(decoder == null ? 0 : decoder.bufferedBytes(), idleTimeoutSeconds);
            } else {
                LOG.info("closing {}: no UUID frame before the idle timeout", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        try (CallLogContext.Scope ignored = logContext()) {
            onException(ctx, cause);
        }
    }

    private void onException(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof AudioSocketProtocolException e) {
            services.metrics().protocolError(e.violation());
            if (session != null) {
                session.onProtocolError(e.violation(), e.getMessage());
            } else {
                warnings.warn("protocol_error", "protocol error from {} before the call started ({}): {}",
                        ctx.channel().remoteAddress(), e.violation(), e.getMessage());
                ctx.close();
            }
            return;
        }
        if (cause instanceof IOException || cause instanceof SocketException) {
            // Connection reset and the like: the caller is gone; channelInactive follows.
            LOG.debug("connection error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        LOG.error("unexpected error on {}", ctx.channel().remoteAddress(), cause);
        if (session != null) {
            session.onFailure(cause);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            try (CallLogContext.Scope ignored = logContext()) {
                session.end("caller_hangup", false);
            }
        }
        ctx.fireChannelInactive();
    }
}
