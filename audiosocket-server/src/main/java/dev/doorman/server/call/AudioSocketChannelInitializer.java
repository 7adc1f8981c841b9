package dev.doorman.server.call;

import dev.doorman.server.protocol.AudioSocketDecoder;
import dev.doorman.server.protocol.AudioSocketEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Admits or refuses each accepted connection at once (the allow-list; counted, with throttled
 * WARN lines), admits it as pending (the oldest pending connection makes room when
 * {@code maxPendingConnections} are waiting) and builds the AudioSocket pipeline:
 * decoder, idle timer (after the decoder, so only whole frames count), the UUID deadline, the call.
 */
public final class AudioSocketChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketChannelInitializer.class);

    private final CallServices services;
    private final SourceAllowList allowList;
    private final Limits limits;
    private final ThrottledWarnings warnings;
    private final AudioSocketEncoder encoder = new AudioSocketEncoder();

    /**
     * The per-connection limits.
     *
     * @param idleTimeoutSeconds no whole frame for this long: the session judges the peer ({@link PeerWatch})
     * @param uuidTimeoutMillis  a connection without a UUID frame this long after connecting is closed
     * @param maxAudioFrameBytes larger audio frames are a protocol error
     */
    public record Limits(int idleTimeoutSeconds, long uuidTimeoutMillis, int maxAudioFrameBytes) {
    }

    public AudioSocketChannelInitializer(CallServices services, SourceAllowList allowList, Limits limits) {
        this.services = services;
        this.allowList = allowList;
        this.limits = limits;
        this.warnings = ThrottledWarnings.perSecond(LOG, services.metrics());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (!allowList.allows(ch.remoteAddress())) {
            services.metrics().callRefused("not_allowed");
            warnings.warn("not_allowed", "refused {}: source not in server.allow {}", ch.remoteAddress(), allowList.cidrs());
            ch.close();
            return;
        }
        Channel evicted = services.registry().admitPending(ch);
        if (evicted != null) {
            services.metrics().callRefused("max_pending");
            warnings.warn("max_pending", "closing {}: still no UUID frame and server.maxPendingConnections ({}) "
                    + "connections are waiting", evicted.remoteAddress(), services.registry().maxPending());
            evicted.close();
        }
        ch.pipeline()
                .addLast("decoder", AudioSocketDecoder.forServer(limits.maxAudioFrameBytes()))
                .addLast("idle", new IdleStateHandler(limits.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS))
                .addLast("encoder", encoder)
                .addLast("uuid-deadline", new UuidDeadline(limits.uuidTimeoutMillis(), services.metrics(), warnings))
                .addLast("call", new CallSessionHandler(services, warnings, limits.idleTimeoutSeconds()));
    }
}
