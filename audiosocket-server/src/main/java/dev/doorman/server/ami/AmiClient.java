package dev.doorman.server.ami;

import dev.doorman.server.retry.Backoff;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small client for the Asterisk Manager Interface on Netty: one connection, logged in and kept
 * up (reconnects with exponential backoff and jitter; a {@code Ping} when the line has been quiet,
 * so a peer that vanished without closing is noticed), actions correlated with their responses
 * and follow-up events by {@code ActionID}, every action with a timeout. Never blocks: results
 * are futures, completed on the client's own event loop thread. While not logged in, actions fail
 * at once with an {@link AmiException#unavailable() unavailable} error instead of waiting.
 */
public final class AmiClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmiClient.class);
    private static final Duration PING_AFTER_IDLE = Duration.ofSeconds(20);

    private final AmiSettings settings;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Backoff backoff;
    private final List<AmiListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextActionId = new AtomicLong();
    private final String actionPrefix = "doorman-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffff) + "-";

    // Event-loop state.
    private final Map<String, Pending> pending = new HashMap<>();
    private Channel channel;
    private int failures;
    private ScheduledFuture<?> reconnect;
    private String lastProblem = "not connected yet";
    private boolean loggedProblem;
    private volatile boolean ready;
    private volatile boolean closed;

    public AmiClient(AmiSettings settings) {
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("doorman-ami", true), NioIoHandler.newFactory());
        this.loop = group.next();
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), 2.0, 0.2,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Connects (in the background) and keeps the connection up until {@link #close()}. */
    public AmiClient start() {
        loop.execute(this::connect);
        return this;
    }

    public void addListener(AmiListener listener) {
        listeners.add(listener);
    }

    /** True while connected and logged in. */
    public boolean isReady() {
        return ready;
    }

    public AmiSettings settings() {
        return settings;
    }

    /** Why the client is not ready (the last connection or login problem), for error messages. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Sends an action; the future completes with its response (a refusal, {@code Response: Error}, fails it). */
    public CompletableFuture<AmiMessage> send(AmiMessage action) {
        CompletableFuture<AmiMessage> result = new CompletableFuture<>();
        submit(action, settings.actionTimeout(), new Pending(result) {
            @Override
            void onMessage(AmiMessage msg) {
                if (msg.isResponse()) {
                    completeWithResponse(result, action, msg);
                }
            }
        });
        return result;
    }

    /**
     * Sends an action whose outcome comes later as an event with the same {@code ActionID}
     * (e.g. an asynchronous {@code Originate} and its {@code OriginateResponse}); the future
     * completes with that event. A refused action fails it at once.
     */
    public CompletableFuture<AmiMessage> sendAndAwaitEvent(AmiMessage action, String eventName, Duration timeout) {
        CompletableFuture<AmiMessage> result = new CompletableFuture<>();
        submit(action, timeout, new Pending(result) {
            @Override
            void onMessage(AmiMessage msg) {
                if (msg.isResponse() && !msg.isSuccess()) {
                    completeWithResponse(result, action, msg);
                } else if (msg.event().filter(eventName::equalsIgnoreCase).isPresent()) {
                    result.complete(msg);
                }
            }
        });
        return result;
    }

    /**
     * Sends an action that answers with a list of events (e.g. {@code Status}) ended by one
     * carrying {@code EventList: Complete}; the future completes with the list's items.
     */
    public CompletableFuture<List<AmiMessage>> sendForList(AmiMessage action) {
        CompletableFuture<List<AmiMessage>> result = new CompletableFuture<>();
        List<AmiMessage> items = new ArrayList<>();
        submit(action, settings.actionTimeout(), new Pending(result) {
            @Override
            void onMessage(AmiMessage msg) {
                if (msg.isResponse()) {
                    if (!msg.isSuccess()) {
                        result.completeExceptionally(refused(action, msg));
                    }
                } else if (msg.get("EventList").filter("Complete"::equalsIgnoreCase).isPresent()) {
                    result.complete(List.copyOf(items));
                } else if (msg.isEvent()) {
                    items.add(msg);
                }
            }
        });
        return result;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.execute(() -> {
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            if (channel != null) {
                if (ready) {
                    channel.writeAndFlush(AmiMessage.action("Logoff").add("ActionID", actionPrefix + "logoff").build());
                }
                channel.close();
            }
            failAll("AMI client closed");
        });
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // --- connection ---------------------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        reconnect = null;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, PING_AFTER_IDLE.toSeconds(), TimeUnit.SECONDS))
                                .addLast(new AmiDecoder())
                                .addLast(new AmiEncoder())
                                .addLast(new Handler());
                    }
                });
        ChannelFuture future = bootstrap.connect(settings.host(), settings.port());
        channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                problem("cannot connect to the AMI at " + settings.address() + ": " + describe(f.cause()));
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (closed || reconnect != null) {
            return;
        }
        Duration delay = backoff.delay(failures++);
        reconnect = loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void login() {
        AmiMessage login = AmiMessage.action("Login")
                .add("Username", settings.username())
                .add("Secret", settings.secret())
                .add("Events", settings.events())
                .build();
        send(login).whenComplete((response, error) -> {
            if (error != null) {
                problem("AMI login to " + settings.address() + " as '" + settings.username() + "' failed: " + message(error));
                if (channel != null) {
                    channel.close();
                }
                return;
            }
            ready = true;
            failures = 0;
            lastProblem = "";
            LOG.info("AMI connected to {} as '{}'", settings.address(), settings.username());
            loggedProblem = false;
            dispatch(l -> l.onConnectionChanged(true));
        });
    }

    // One line per outage, not one per retry: the first problem at WARN, repeats at DEBUG.
    private void problem(String message) {
        lastProblem = message;
        if (!loggedProblem) {
            LOG.warn("{} (retrying with backoff up to {} ms)", message, settings.reconnectMax().toMillis());
            loggedProblem = true;
        } else {
            LOG.debug(message);
        }
    }

    private void disconnected() {
        boolean wasReady = ready;
        ready = false;
        if (closed) {
            failAll("AMI client closed");
            return;
        }
        failAll("AMI connection to " + settings.address() + " lost");
        if (wasReady) {
            problem("AMI connection to " + settings.address() + " lost");
            dispatch(l -> l.onConnectionChanged(false));
        }
        scheduleReconnect();
    }

    // --- actions ------------------------------------------------------------------------------

    private abstract static class Pending {
        final CompletableFuture<?> future;
        ScheduledFuture<?> timeout;

        Pending(CompletableFuture<?> future) {
            this.future = future;
        }

        abstract void onMessage(AmiMessage msg);
    }

    private void submit(AmiMessage action, Duration timeout, Pending p) {
        String id = actionPrefix + nextActionId.incrementAndGet();
        AmiMessage withId = action.withActionId(id);
        String name = action.get("Action", "?");
        loop.execute(() -> {
            boolean isLogin = name.equalsIgnoreCase("Login");
            if (channel == null || !channel.isActive() || (!ready && !isLogin)) {
                p.future.completeExceptionally(new AmiException("AMI not connected (" + settings.address() + "): "
                        + lastProblem, true));
                return;
            }
            pending.put(id, p);
            p.future.whenComplete((r, e) -> loop.execute(() -> {
                pending.remove(id);
                if (p.timeout != null) {
                    p.timeout.cancel(false);
                }
            }));
            p.timeout = loop.schedule(() -> {
                p.future.completeExceptionally(new AmiException("AMI action " + name + " got no answer within "
                        + timeout.toMillis() + " ms", false));
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            channel.writeAndFlush(withId).addListener(f -> {
                if (!f.isSuccess()) {
                    p.future.completeExceptionally(new AmiException("cannot send AMI action " + name + ": "
                            + describe(f.cause()), true, f.cause()));
                }
            });
        });
    }

    private void failAll(String why) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.future.completeExceptionally(new AmiException(why, true));
        }
    }

    private static void completeWithResponse(CompletableFuture<AmiMessage> result, AmiMessage action, AmiMessage msg) {
        if (msg.isSuccess()) {
            result.complete(msg);
        } else {
            result.completeExceptionally(refused(action, msg));
        }
    }

    private static AmiException refused(AmiMessage action, AmiMessage response) {
        return new AmiException("AMI refused " + action.get("Action", "?") + ": " + response.get("Message", response.toString()),
                false);
    }

    private static String message(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void dispatch(Consumer<AmiListener> call) {
        for (AmiListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("AMI listener failed", e);
            }
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof AmiDecoder.Banner banner) {
                LOG.debug("AMI banner from {}: version {}", settings.address(), banner.version());
                login();
                return;
            }
            AmiMessage message = (AmiMessage) msg;
            message.actionId().map(pending::get).ifPresent(p -> p.onMessage(message));
            if (message.isEvent()) {
                dispatch(l -> l.onEvent(message));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && ready) {
                send(AmiMessage.action("Ping").build()).whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.warn("AMI at {} did not answer a ping: {}; reconnecting", settings.address(), message(e));
                        ctx.close();
                    }
                });
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                disconnected();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            problem("AMI connection to " + settings.address() + " failed: " + describe(cause));
            ctx.close();
        }
    }
}
