package dev.doorman.server.call;

import dev.doorman.server.protocol.AudioSocketDecoder;
import dev.doorman.server.protocol.AudioSocketEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Admits or refuses each accepted connection at once (allow-list, then the call limit; both
 * counted and logged) and builds the AudioSocket pipeline for the admitted ones.
 */
public final class AudioSocketChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketChannelInitializer.class);

    private final CallServices services;
    private final SourceAllowList allowList;
    private final int idleTimeoutSeconds;
    private final int maxAudioFrameBytes;
    private final AudioSocketEncoder encoder = new AudioSocketEncoder();

    public AudioSocketChannelInitializer(CallServices services, SourceAllowList allowList,
                                         int idleTimeoutSeconds, int maxAudioFrameBytes) {
        this.services = services;
        this.allowList = allowList;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.maxAudioFrameBytes = maxAudioFrameBytes;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (!allowList.allows(ch.remoteAddress())) {
            services.metrics().callRefused("not_allowed");
            LOG.warn("refused {}: source not in server.allow {}", ch.remoteAddress(), allowList.cidrs());
            ch.close();
            return;
        }
        if (!services.registry().tryAdmit(ch)) {
            services.metrics().callRefused("max_calls");
            LOG.warn("refused {}: server.maxCalls ({}) reached", ch.remoteAddress(), services.registry().maxConnections());
            ch.close();
            return;
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(idleTimeoutSeconds, 0, 0, TimeUnit.SECONDS))
                .addLast("decoder", AudioSocketDecoder.forServer(maxAudioFrameBytes))
                .addLast("encoder", encoder)
                .addLast("call", new CallSessionHandler(services));
    }
}
