package dev.doorman.server.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.InetSocketAddress;

/**
 * The admin HTTP listener: Netty's HTTP codec and one small handler ({@link AdminRequestHandler}).
 * Meant for 127.0.0.1 (the default) or a management network: it has no authentication.
 */
public final class AdminHttpServer implements AutoCloseable {
    private final String bind;
    private final int port;
    private final AdminEndpoints endpoints;
    private final EventLoopGroup group;
    private Channel channel;

    public AdminHttpServer(String bind, int port, AdminEndpoints endpoints, EventLoopGroup group) {
        this.bind = bind;
        this.port = port;
        this.endpoints = endpoints;
        this.group = group;
    }

    /** Binds and returns the bound port; throws with the address in the message when it cannot. */
    public int start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(30))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(16 * 1024))
                                .addLast(new AdminRequestHandler(endpoints));
                    }
                });
        try {
            channel = bootstrap.bind(bind, port).sync().channel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for admin HTTP on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }
}
