package dev.doorman.server.simulator;

import dev.doorman.server.protocol.AudioSocketDecoder;
import dev.doorman.server.protocol.AudioSocketEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Places simulated AudioSocket calls the way Asterisk does (see {@link SimulatedCall}), one at a time
 * for tests and demos, or many at once for load runs. All calls share one Netty client event loop
 * group: no thread per call. Close it to release the threads.
 */
public final class CallSimulator implements AutoCloseable {
    /** The largest payload a frame's 16-bit length field can announce. */
    private static final int MAX_PAYLOAD = 65_535;
    private static final long RETRY_MILLIS = 250;

    private final EventLoopGroup group;

    /** @param threads event loop threads shared by all calls */
    public CallSimulator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /** One event loop thread per core. */
    public CallSimulator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Starts one call now with the options' call id, or a random one. */
    public CompletableFuture<CallResult> call(SimulationOptions options) {
        return call(options, options.callId() != null ? options.callId() : UUID.randomUUID().toString());
    }

    /**
     * Starts one call now; the future completes when the connection is closed, never exceptionally.
     * A refused connection is retried every {@value #RETRY_MILLIS} ms until {@code options.connectWait()}
     * has passed.
     */
    public CompletableFuture<CallResult> call(SimulationOptions options, String callId) {
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        connect(options, callId, null, System.nanoTime() + options.connectWait().toNanos(), result);
        return result;
    }

    /**
     * Starts one call whose caller listens and answers ({@code options.audio()} is not played);
     * the conversation holds what was said and whether the doorman reached the resident.
     */
    public CompletableFuture<CallResult> converse(SimulationOptions options, Conversation conversation) {
        String callId = options.callId() != null ? options.callId() : UUID.randomUUID().toString();
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        connect(options, callId, conversation, System.nanoTime() + options.connectWait().toNanos(), result);
        return result;
    }

    // One SimulatedCall per attempt: a Netty handler instance joins one channel only.
    private void connect(SimulationOptions options, String callId, Conversation conversation, long waitUntilNanos,
                         CompletableFuture<CallResult> result) {
        SimulatedCall call = new SimulatedCall(options, callId, conversation);
        call.result().whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        });
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                // Frames are small and time-critical: Nagle would batch them and fake a jitter.
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(AudioSocketDecoder.forClient(MAX_PAYLOAD), new AudioSocketEncoder(), call);
                    }
                });
        ChannelFuture connect = bootstrap.connect(options.host(), options.port());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                return;
            }
            if (f.cause() instanceof ConnectException && System.nanoTime() + RETRY_MILLIS * 1_000_000L < waitUntilNanos) {
                group.schedule(() -> connect(options, callId, conversation, waitUntilNanos, result), RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
                return;
            }
            String waited = options.connectWait().isZero() ? "" : " (waited " + options.connectWait().toSeconds() + " s)";
            result.complete(CallResult.connectFailed(callId, options.sampleRate(),
                    "cannot connect to " + options.host() + ":" + options.port() + ": " + f.cause().getMessage() + waited));
        });
    }

    /**
     * Runs {@code options.calls()} calls, started evenly over {@code options.ramp()}, and waits for
     * all of them to end.
     */
    public SimulationReport run(SimulationOptions options) {
        long started = System.nanoTime();
        int calls = options.calls();
        long rampNanos = options.ramp().toNanos();
        List<CompletableFuture<CallResult>> results = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            long delay = calls == 1 ? 0 : rampNanos * i / calls;
            CompletableFuture<CallResult> result = new CompletableFuture<>();
            group.schedule(() -> call(options).whenComplete((r, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(r);
                }
            }), delay, TimeUnit.NANOSECONDS);
            results.add(result);
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
        List<CallResult> done = results.stream().map(CompletableFuture::join).toList();
        return SimulationReport.of(done, (System.nanoTime() - started) / 1e6);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
