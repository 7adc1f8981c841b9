package dev.doorman.server.call;

import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose UUID frame has not arrived {@code timeoutMillis} after connect.
 * Asterisk sends the UUID at once, in the same breath as the connect; a peer that takes longer is
 * not Asterisk, or not well. Counted as {@code doorman_calls_refused_total{cause="uuid_timeout"}}.
 * Sits after the decoder, so only a whole UUID frame counts; removes itself once it has seen one.
 */
final class UuidDeadline extends ChannelInboundHandlerAdapter {
    private final long timeoutMillis;
    private final CallMetrics metrics;
    private final ThrottledWarnings warnings;
    private ScheduledFuture<?> deadline;

    UuidDeadline(long timeoutMillis, CallMetrics metrics, ThrottledWarnings warnings) {
        this.timeoutMillis = timeoutMillis;
        this.metrics = metrics;
        this.warnings = warnings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AudioSocketFrame frame && frame.kind() == FrameKind.UUID) {
            cancel();
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        metrics.callRefused("uuid_timeout");
        warnings.warn("uuid_timeout", "closing {}: no UUID frame within {} ms of connecting",
                ctx.channel().remoteAddress(), timeoutMillis);
        ctx.close();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
