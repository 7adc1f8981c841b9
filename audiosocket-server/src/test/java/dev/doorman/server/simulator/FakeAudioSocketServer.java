package dev.doorman.server.simulator;

import dev.doorman.server.protocol.AudioSocketDecoder;
import dev.doorman.server.protocol.AudioSocketEncoder;
import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal AudioSocket server for the simulator's own tests: it decodes what the simulator sends
 * with the server-side decoder (UUID-first enforced), keeps every frame per connection, and reacts
 * as the test's {@link Reaction} says.
 */
final class FakeAudioSocketServer implements AutoCloseable {
    /** A frame the server received, copied out of Netty's buffers. */
    record Received(FrameKind kind, byte[] payload) {
    }

    /** One accepted connection. */
    static final class Connection {
        final List<Received> frames = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile Throwable error;
    }

    /** What the server does when a frame arrives (after recording it). */
    interface Reaction {
        void onFrame(ChannelHandlerContext ctx, AudioSocketFrame frame);

        default void onConnect(ChannelHandlerContext ctx) {
        }
    }

    static final Reaction LISTEN = (ctx, frame) -> { };

    static final Reaction ECHO = (ctx, frame) -> {
        if (frame.kind().isAudio()) {
            ctx.writeAndFlush(frame.retainedDuplicate());
        }
    };

    static final Reaction HANG_UP_ON_UUID = (ctx, frame) -> {
        if (frame.kind() == FrameKind.UUID) {
            ctx.writeAndFlush(AudioSocketFrame.hangup());
        }
    };

    final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    FakeAudioSocketServer(Reaction reaction) throws InterruptedException {
        this(reaction, 0);
    }

    /** @param port the port to listen on (0: any free one) */
    FakeAudioSocketServer(Reaction reaction, int port) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Connection connection = new Connection();
                        connections.add(connection);
                        ch.pipeline().addLast(AudioSocketDecoder.forServer(65_535), new AudioSocketEncoder(),
                                new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        reaction.onConnect(ctx);
                                    }

                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        AudioSocketFrame frame = (AudioSocketFrame) msg;
                                        try {
                                            connection.frames.add(new Received(frame.kind(), ByteBufUtil.getBytes(frame.content())));
                                            reaction.onFrame(ctx, frame);
                                        } finally {
                                            frame.release();
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        connection.closed = true;
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        connection.error = cause;
                                        ctx.close();
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
