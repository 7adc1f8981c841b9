package dev.doorman.server;

import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.admin.AdminEndpoints;
import dev.doorman.server.admin.AdminHttpServer;
import dev.doorman.server.admin.BuildingAdmin;
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
 * The doorman server: the AudioSocket listeners (one per building, see {@link Entrance}) with
 * their call sessions, the worker pool, the call logs and the admin HTTP endpoint, composed from a
 * {@link ServerConfig}. {@link #close()} is the graceful shutdown: stop accepting, hang up the
 * calls (hangup frame, CALL_ENDED{reason:"shutdown"}), drain the call logs, stop the threads.
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
    private final List<Entrance> entrances;
    private final BuildingAdmin buildingAdmin;
    private final VoiceActivityDetector.Factory vads;
    private final List<MeterBinder> meterBinders;
    private final Map<String, BooleanSupplier> readinessChecks;
    private final Duration shutdownTimeout;
    private final CallMetrics metrics;
    private final CallRegistry calls;
    private final WorkerPool workers;

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private EventLoopGroup adminGroup;
    private PlayoutClocks clocks;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final Map<String, Integer> boundPorts = new LinkedHashMap<>();
    private AdminHttpServer admin;
    private JvmGcMetrics gcMetrics;
    private int adminPort = -1;
    private volatile boolean listening;
    private boolean closed;

    private DoormanServer(Builder b) {
        this.config = b.config;
        this.registry = b.registry;
        this.loggers = b.loggers;
        this.entrances = List.copyOf(b.entrances);
        this.buildingAdmin = b.buildingAdmin;
        this.metrics = new CallMetrics(entrances.stream().map(Entrance::building).toList());
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

    /**
     * Where one building's calls arrive: its AudioSocket port, the behavior its calls get, and the
     * resident legs it places (claimed on whichever of the server's ports they connect to).
     *
     * @param building the building id ({@code CALL_SETUP.data.building}, the metrics' tag)
     * @param port     0 picks a free port
     */
    public record Entrance(String building, int port, CallBehaviorFactory behaviors, LegRouter legs) {
        public Entrance {
            Objects.requireNonNull(building, "building");
            Objects.requireNonNull(behaviors, "behaviors");
            legs = legs == null ? LegRouter.NONE : legs;
        }
    }

    /** Binds the AudioSocket ports (and the admin port when enabled) and starts serving. */
    public synchronized DoormanServer start() {
        if (!serverChannels.isEmpty()) {
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
        LegRouter legs = anyBuildingsLeg();
        SourceAllowList allow = SourceAllowList.of(s.allow());
        for (Entrance entrance : entrances) {
            CallServices services = new CallServices(settings, loggers, metrics, calls, workers, clocks,
                    entrance.behaviors(), legs, vads, entrance.building());
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true) // a frame must not wait for the next one
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATERMARK)
                    .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES)
                    .childHandler(new AudioSocketChannelInitializer(services, allow,
                            new AudioSocketChannelInitializer.Limits(s.idleTimeoutSeconds(), s.uuidTimeoutMs(),
                                    s.maxAudioFrameBytes())));
            Channel channel;
            try {
                channel = bootstrap.bind(s.bind(), entrance.port()).sync().channel();
            } catch (Exception e) {
                serverChannels.forEach(c -> c.close().syncUninterruptibly());
                shutdownGroups();
                throw new IllegalStateException("cannot listen for AudioSocket on " + s.bind() + ":" + entrance.port()
                        + (entrances.size() > 1 ? " (building " + entrance.building() + ")" : "") + ": "
                        + e.getMessage(), e);
            }
            serverChannels.add(channel);
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            boundPorts.put(entrance.building(), port);
            entrance.legs().listening(port);
        }
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
        LOG.info("AudioSocket listening on {}:{} (max {} calls, allow {}), admin {}", s.bind(), describePorts(),
                s.maxCalls(), s.allow(), admin == null ? "disabled" : "http://" + config.admin().bind() + ":" + adminPort);
        return this;
    }

    // "9092", or "9101 (north), 9102 (south)"
    private String describePorts() {
        if (boundPorts.size() == 1) {
            return String.valueOf(boundPorts.values().iterator().next());
        }
        List<String> ports = new ArrayList<>();
        boundPorts.forEach((building, port) -> ports.add(port + " (" + building + ")"));
        return String.join(", ", ports);
    }

    /**
     * A resident leg may connect to any of the server's ports (its building's, or one shared
     * callback port): each building's router is asked, and the leg keeps its visit's building.
     */
    private LegRouter anyBuildingsLeg() {
        return uuid -> {
            for (Entrance entrance : entrances) {
                LegRouter.Leg leg = entrance.legs().claim(uuid);
                if (leg != null) {
                    return leg.building() == null ? leg.inBuilding(entrance.building()) : leg;
                }
            }
            return null;
        };
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
        for (Entrance entrance : entrances) {
            if (entrance.behaviors() instanceof MeterBinder behaviorMeters) {
                behaviorMeters.bindTo(registry); // e.g. the speech pipeline's and admission's
            }
        }
        meterBinders.forEach(binder -> binder.bindTo(registry));
    }

    /** The bound AudioSocket port of the first building (useful with port 0); -1 before {@link #start()}. */
    public int audioSocketPort() {
        return boundPorts.isEmpty() ? -1 : boundPorts.values().iterator().next();
    }

    /** The bound AudioSocket port of a building; -1 before {@link #start()} or for an unknown building. */
    public int audioSocketPort(String building) {
        return boundPorts.getOrDefault(building, -1);
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
        serverChannels.forEach(channel -> channel.close().syncUninterruptibly());
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

        @Override
        public List<Map<String, Object>> buildings() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Entrance entrance : entrances) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("id", entrance.building());
                b.put("port", audioSocketPort(entrance.building()));
                b.put("active_calls", metrics.activeCalls(entrance.building()));
                b.putAll(buildingAdmin.describe(entrance.building()));
                list.add(b);
            }
            return list;
        }

        @Override
        public BuildingAdmin.Answer reloadDirectory(String building) {
            if (!boundPorts.containsKey(building)) {
                return BuildingAdmin.Answer.notFound("no building '" + building + "' (buildings: "
                        + String.join(", ", boundPorts.keySet()) + ")");
            }
            return buildingAdmin.reloadDirectory(building);
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
        private final List<Entrance> entrances = new ArrayList<>();
        private BuildingAdmin buildingAdmin = BuildingAdmin.NONE;
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

        /** The call behavior of a server of one building ({@code default}, on {@code server.port}). */
        public Builder behaviors(CallBehaviorFactory factory) {
            this.behaviors = factory;
            return this;
        }

        /**
         * Recognises the connections of legs the server places itself (the resident's phone), for a
         * server of one building.
         */
        public Builder legs(LegRouter router) {
            this.legs = Objects.requireNonNull(router, "legs");
            return this;
        }

        /**
         * A building's port; a server given entrances listens on each of them (and not on
         * {@code server.port}, unless an entrance names it), instead of one building on {@code server.port}.
         */
        public Builder entrance(Entrance entrance) {
            entrances.add(Objects.requireNonNull(entrance, "entrance"));
            return this;
        }

        /** What {@code /buildings} shows of each building, and its directory reload. */
        public Builder buildingAdmin(BuildingAdmin admin) {
            this.buildingAdmin = Objects.requireNonNull(admin, "buildingAdmin");
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
            if (entrances.isEmpty()) {
                entrances.add(new Entrance("default", config.server().port(),
                        behaviors != null ? behaviors : greetingBehavior(config), legs));
            } else if (behaviors != null || legs != LegRouter.NONE) {
                throw new IllegalStateException("give behaviors and legs per entrance when the server has entrances");
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
