package dev.doorman.server;

import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.admin.AdminEndpoints;
import dev.doorman.server.admin.AdminHttpServer;
import dev.doorman.server.call.AudioSocketChannelInitializer;
import dev.doorman.server.call.CallBehaviorFactory;
import dev.doorman.server.call.CallMetrics;
import dev.doorman.server.call.CallRegistry;
import dev.doorman.server.call.CallServices;
import dev.doorman.server.call.CallSession;
import dev.doorman.server.call.CallSettings;
import dev.doorman.server.call.CallSnapshot;
import dev.doorman.server.call.GreetingBehavior;
import dev.doorman.server.call.LegRouter;
import dev.doorman.server.call.PlayoutClocks;
import dev.doorman.server.call.PromptFile;
import dev.doorman.server.call.SourceAllowList;
import dev.doorman.server.call.WorkerPool;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.pipeline.vad.VoiceActivityDetector;
import dev.doorman.server.io.IoErrors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The doorman server: the AudioSocket listener with its call sessions, the worker pool, the call
 * logs and the admin HTTP endpoint, composed from a {@link ServerConfig}. {@link #close()} is the
 * graceful shutdown: stop accepting, hang up the calls (hangup frame, CALL_ENDED{reason:"shutdown"}),
 * drain the call logs, stop the threads.
 */
public final class DoormanServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DoormanServer.class);
    /** Low/high write watermarks per call: a few hundred ms of audio; beyond it frames are skipped. */
    private static final WriteBufferWaterMark WATERMARK = new WriteBufferWaterMark(8 * 1024, 32 * 1024);
    /**
     * Kernel send buffer per call. Fixed rather than auto-tuned (which grows it to megabytes, on
     * loopback at once): a dead or hung Asterisk stops taking audio, and the call must notice within
     * seconds, not after minutes of audio queued in the kernel. 64 KiB holds 4 s of 8 kHz audio
     * (0.7 s at 48 kHz): far more than a paced 20 ms stream has in flight, even over a WAN.
     */
    private static final int SEND_BUFFER_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final MeterRegistry registry;
    private final CallLoggerManager loggers;
    private final CallBehaviorFactory behaviors;
    private final LegRouter legs;
    private final VoiceActivityDetector.Factory vads;
    private final List<MeterBinder> meterBinders;
    private final Map<String, BooleanSupplier> readinessChecks;
    private final Duration shutdownTimeout;
    private final CallMetrics metrics = new CallMetrics();
    private final CallRegistry calls;
    private final WorkerPool workers;

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private EventLoopGroup adminGroup;
    private PlayoutClocks clocks;
    private Channel serverChannel;
    private AdminHttpServer admin;
    private JvmGcMetrics gcMetrics;
    private int audioSocketPort = -1;
    private int adminPort = -1;
    private volatile boolean listening;
    private boolean closed;

    private DoormanServer(Builder b) {
        this.config = b.config;
        this.registry = b.registry;
        this.loggers = b.loggers;
        this.behaviors = b.behaviors;
        this.legs = b.legs;
        this.vads = b.vads;
        this.meterBinders = List.copyOf(b.meterBinders);
        this.readinessChecks = Map.copyOf(b.readinessChecks);
        this.shutdownTimeout = b.shutdownTimeout;
        this.calls = new CallRegistry(config.server().maxCalls(), config.server().maxPendingConnections());
        this.workers = new WorkerPool(config.server().workerThreads(), config.server().workerQueue());
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** Binds the AudioSocket port (and the admin port when enabled) and starts serving. */
    public synchronized DoormanServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        ServerConfig.Server s = config.server();
        int ioThreads = s.ioThreads() > 0 ? s.ioThreads() : Runtime.getRuntime().availableProcessors();
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("doorman-accept"), NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("doorman-io"), NioIoHandler.newFactory());
        clocks = new PlayoutClocks(config.playback().maxFramesPerTick(), metrics);
        bindMetrics();

        CallSettings settings = new CallSettings(s.sampleRate(), Duration.ofSeconds(s.maxCallSeconds()),
                config.playback().comfortSilence(), config.playback().bargeIn(), config.vad(),
                50 /* 1 s of unread audio */);
        CallServices services = new CallServices(settings, loggers, metrics, calls, workers, clocks, behaviors, legs,
                vads);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true) // a frame must not wait for the next one
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATERMARK)
                .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES)
                .childHandler(new AudioSocketChannelInitializer(services, SourceAllowList.of(s.allow()),
                        new AudioSocketChannelInitializer.Limits(s.idleTimeoutSeconds(), s.uuidTimeoutMs(),
                                s.maxAudioFrameBytes())));
        try {
            serverChannel = bootstrap.bind(s.bind(), s.port()).sync().channel();
        } catch (Exception e) {
            shutdownGroups();
            throw new IllegalStateException("cannot listen for AudioSocket on " + s.bind() + ":" + s.port() + ": "
                    + e.getMessage(), e);
        }
        audioSocketPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        legs.listening(audioSocketPort);
        if (config.admin().enabled()) {
            adminGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("doorman-admin"), NioIoHandler.newFactory());
            admin = new AdminHttpServer(config.admin().bind(), config.admin().port(), new Endpoints(), adminGroup);
            try {
                adminPort = admin.start();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        listening = true;
        LOG.info("AudioSocket listening on {}:{} (max {} calls, allow {}), admin {}", s.bind(), audioSocketPort,
                s.maxCalls(), s.allow(), admin == null ? "disabled" : "http://" + config.admin().bind() + ":" + adminPort);
        return this;
    }

    private void bindMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        new NettyEventExecutorMetrics(ioGroup).bindTo(registry);
        new ExecutorServiceMetrics(workers.executor(), "doorman.workers", Tags.empty()).bindTo(registry);
        metrics.bindTo(registry);
        Gauge.builder("doorman.connections.pending", calls, CallRegistry::pendingConnections)
                .description("Connections still waiting for their UUID frame").register(registry);
        if (behaviors instanceof MeterBinder behaviorMeters) {
            behaviorMeters.bindTo(registry); // e.g. the speech pipeline's and admission's
        }
        meterBinders.forEach(binder -> binder.bindTo(registry));
    }

    /** The bound AudioSocket port (useful with port 0); -1 before {@link #start()}. */
    public int audioSocketPort() {
        return audioSocketPort;
    }

    /** The bound admin HTTP port; -1 when disabled or not started. */
    public int adminPort() {
        return adminPort;
    }

    public CallMetrics callMetrics() {
        return metrics;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    public CallLoggerManager callLoggers() {
        return loggers;
    }

    /** Connections still waiting for their UUID frame. */
    public int pendingConnections() {
        return calls.pendingConnections();
    }

    public List<CallSnapshot> activeCalls() {
        return calls.calls().stream().map(CallSession::snapshot).toList();
    }

    /**
     * Graceful shutdown, bounded by the shutdown timeout: stop accepting, hang up active calls
     * (hangup frame, {@code CALL_ENDED{reason:"shutdown"}}), drain the call logs, stop the threads.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listening = false;
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        int active = calls.activeCalls();
        if (active > 0) {
            LOG.info("shutting down: hanging up {} call(s)", active);
        }
        calls.calls().forEach(CallSession::hangupForShutdown);
        // Wait (bounded) for the hangup frames to go out and the calls' sockets to close.
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) / 2);
        calls.channels().newCloseFuture(ch -> true).awaitUninterruptibly(waitMillis);
        calls.channels().close().awaitUninterruptibly(1_000); // connections that never sent a UUID
        if (clocks != null) {
            clocks.stopAll();
        }
        if (admin != null) {
            admin.close();
        }
        workers.shutdown(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        loggers.close();
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        shutdownGroups();
        LOG.info("doorman stopped");
    }

    private void shutdownGroups() {
        for (EventLoopGroup group : new EventLoopGroup[] {adminGroup, ioGroup, acceptGroup}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private final class Endpoints implements AdminEndpoints {
        @Override
        public Map<String, Boolean> readiness() {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("audiosocket", listening);
            readinessChecks.forEach((name, check) -> {
                boolean ok;
                try {
                    ok = check.getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                checks.put(name, ok);
            });
            return checks;
        }

        @Override
        public String scrapeMetrics() {
            PrometheusMeterRegistry prometheus = findPrometheus(registry);
            if (prometheus == null) {
                return "# the server's meter registry has no Prometheus registry\n";
            }
            return prometheus.scrape();
        }

        @Override
        public List<CallSnapshot> activeCalls() {
            return DoormanServer.this.activeCalls();
        }
    }

    private static PrometheusMeterRegistry findPrometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry child : composite.getRegistries()) {
                PrometheusMeterRegistry found = findPrometheus(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Assembles a server. Anything not given is created from the config: a Prometheus registry,
     * a {@link CallLoggerManager} for {@code logging.*} bound to that registry, and the greeting
     * behavior for {@code prompts.*}. The server closes the logger manager on {@link #close()}.
     */
    public static final class Builder {
        private final ServerConfig config;
        private MeterRegistry registry;
        private CallLoggerManager loggers;
        private CallBehaviorFactory behaviors;
        private LegRouter legs = LegRouter.NONE;
        private VoiceActivityDetector.Factory vads = VoiceActivityDetector.Factory.ENERGY;
        private final List<MeterBinder> meterBinders = new ArrayList<>();
        private final Map<String, BooleanSupplier> readinessChecks = new LinkedHashMap<>();
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        private Builder(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config").validate();
        }

        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = meterRegistry;
            return this;
        }

        /** The call log manager; it should report to the same registry. */
        public Builder callLoggerManager(CallLoggerManager manager) {
            this.loggers = manager;
            return this;
        }

        public Builder behaviors(CallBehaviorFactory factory) {
            this.behaviors = factory;
            return this;
        }

        /** Recognises the connections of legs the server places itself (the resident's phone). */
        public Builder legs(LegRouter router) {
            this.legs = Objects.requireNonNull(router, "legs");
            return this;
        }

        /** How each call's voice activity detector is made (default: today's energy detector). */
        public Builder voiceActivityDetectors(VoiceActivityDetector.Factory factory) {
            this.vads = Objects.requireNonNull(factory, "voiceActivityDetectors");
            return this;
        }

        /** More meters to expose on /metrics (e.g. the resident leg's). */
        public Builder meterBinder(MeterBinder binder) {
            meterBinders.add(binder);
            return this;
        }

        /** A check shown in /ready (e.g. "stt" -> model loaded); /ready is 503 until all pass. */
        public Builder readinessCheck(String name, BooleanSupplier check) {
            readinessChecks.put(name, check);
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** @throws ConfigException when the greeting prompt cannot be loaded */
        public DoormanServer build() {
            if (registry == null) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            if (behaviors == null) {
                behaviors = greetingBehavior(config);
            }
            if (loggers == null) {
                ServerConfig.Logging l = config.logging();
                loggers = new CallLoggerManager(CallLoggerConfig.builder()
                        .logDir(Path.of(l.dir()))
                        .queueCapacity(l.queueCapacity())
                        .privacyMode(l.privacyMode())
                        .privacySalt(l.privacySalt())
                        .retentionDays(l.retentionDays())
                        .maxOpenFiles(l.maxOpenFiles())
                        .enabled(l.enabled())
                        .meterRegistry(registry)
                        .build());
            }
            return new DoormanServer(this);
        }
    }

    /** The greeting-only behavior configured by {@code prompts.*}. */
    public static CallBehaviorFactory greetingBehavior(ServerConfig config) {
        ServerConfig.Prompts p = config.prompts();
        try {
            return GreetingBehavior.factory(PromptFile.load(p.greeting()), p.greetingText(), p.hangupAfterGreeting());
        } catch (FileSystemException e) { // an NIO message is only the path
            throw new ConfigException("prompts.greeting", "cannot read " + p.greeting() + ": " + IoErrors.reason(e), e);
        } catch (IOException e) {
            throw new ConfigException("prompts.greeting", e.getMessage(), e);
        }
    }
}
