package dev.doorman.server.resident;

import dev.doorman.server.access.AccessConfig;
import dev.doorman.server.access.DoorOpeners;
import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.ami.AmiSettings;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.LegRouter;
import dev.doorman.server.conversation.SpeechPipeline;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.RecognitionVocabulary;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Everything the server needs to call residents, shared by all calls: the dialer (the AMI
 * connection), the legs being waited for, the door openers, the engines the resident's leg talks
 * with, and the meters. Creates one {@link ResidentCall} per visit.
 */
public final class ResidentService implements AutoCloseable {
    /**
     * The engines a resident leg uses: the same speech pipeline and intent engine as the visitor's, and
     * the building's recognition vocabulary (both change when the directory is reloaded).
     */
    public record Engines(SpeechPipeline speech, Supplier<IntentExtractor> extractor,
                          Supplier<RecognitionVocabulary> vocabulary) {
        /** Engines whose extractor never changes, recognizing with the recognizer's own grammar. */
        public Engines(SpeechPipeline speech, IntentExtractor extractor) {
            this(speech, () -> extractor, () -> null);
        }
    }

    private final ResidentConfig config;
    private final ResidentDialer dialer;
    private final ResidentLegs legs;
    private final DoorOpeners doors;
    private final ResidentMetrics metrics = new ResidentMetrics();
    private final String configuredCallback;
    private volatile String callback;
    private final Engines engines;
    private final char yesDigit;
    private final char noDigit;
    private final AutoCloseable connection;

    /**
     * @param callback   host:port Asterisk connects answered legs to; null = 127.0.0.1 and the port the server listens on
     * @param connection closed with the service (the AMI client), or null
     */
    public ResidentService(ResidentConfig config, ResidentDialer dialer, DoorOpeners doors, String callback,
                           Engines engines, char yesDigit, char noDigit, AutoCloseable connection) {
        this.config = config;
        this.dialer = dialer;
        this.legs = new ResidentLegs(Clock.systemUTC());
        this.doors = doors;
        this.configuredCallback = callback;
        this.callback = callback;
        this.engines = engines;
        this.yesDigit = yesDigit;
        this.noDigit = noDigit;
        this.connection = connection;
    }

    /**
     * The service {@code resident} and {@code access} configure: with {@code resident.enabled} an AMI
     * connection (started here, reconnecting in the background) that places the calls and plays DTMF.
     *
     * @throws IllegalArgumentException naming the key on a bad combination (e.g. {@code access.dtmf} without the AMI)
     */
    public static ResidentService create(ResidentConfig config, AccessConfig access, Engines engines,
                                         char yesDigit, char noDigit) {
        if (!config.enabled()) {
            return new ResidentService(config, ResidentDialer.disabled(), DoorOpeners.from(access, null),
                    config.callback(), engines, yesDigit, noDigit, null);
        }
        AmiClient ami = amiClient(config.ami());
        try {
            DoorOpeners doors = DoorOpeners.from(access, ami);
            ami.start();
            return new ResidentService(config, new AmiResidentDialer(ami, "\"Doorman\" <doorman>"), doors,
                    config.callback(), engines, yesDigit, noDigit, ami);
        } catch (RuntimeException e) {
            ami.close();
            throw e;
        }
    }

    /** The manager connection {@code resident.ami} configures, not started yet. */
    public static AmiClient amiClient(ResidentConfig.Ami a) {
        return new AmiClient(new AmiSettings(a.host(), a.port(), a.username(), a.secret(), Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30), "call"));
    }

    /**
     * Like {@link #create(ResidentConfig, AccessConfig, Engines, char, char)} over a manager
     * connection shared with other buildings of the server: started by its owner, and not closed
     * with this service.
     */
    public static ResidentService create(ResidentConfig config, AccessConfig access, Engines engines,
                                         char yesDigit, char noDigit, AmiClient sharedAmi) {
        if (!config.enabled()) {
            return create(config, access, engines, yesDigit, noDigit);
        }
        return new ResidentService(config, new AmiResidentDialer(sharedAmi, "\"Doorman\" <doorman>"),
                DoorOpeners.from(access, sharedAmi), config.callback(), engines, yesDigit, noDigit, null);
    }

    /** A visit's call to the resident; {@link ResidentCall#start()} rings. */
    public ResidentCall call(CallControl visitorCall, Visit visit, ResidentCall.VisitorSide side) {
        return new ResidentCall(this, visitorCall, visit, side);
    }

    /** Claims the resident legs' AudioSocket connections: give it to the server. */
    public LegRouter legs() {
        return new LegRouter() {
            @Override
            public Leg claim(String uuid) {
                return legs.claim(uuid);
            }

            @Override
            public void listening(int port) {
                if (configuredCallback == null) {
                    callback = "127.0.0.1:" + port;
                }
            }
        };
    }

    public MeterBinder metrics() {
        return metrics;
    }

    /** The meters with more tags, e.g. {@code building}, for a server of several buildings. */
    public MeterBinder metrics(Iterable<Tag> tags) {
        return metrics.tagged(tags);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** True when residents can be called now (for /ready). */
    public boolean available() {
        return dialer.isAvailable();
    }

    /** For the startup summary, e.g. {@code AMI 127.0.0.1:5038 as doorman, dial PJSIP/${extension}, callback 10.0.0.5:9092}. */
    public String describe() {
        if (!config.enabled()) {
            return "disabled (resident.enabled: false): visitors are told the resident cannot be called";
        }
        return dialer.describe() + ", dial " + config.dial() + ", callback "
                + (callback != null ? callback : "127.0.0.1:<server.port>") + ", ring "
                + config.ringTimeoutSeconds() + " s x " + config.attempts() + " attempt(s)";
    }

    public String describeAccess() {
        return doors.describe();
    }

    ResidentConfig config() {
        return config;
    }

    ResidentDialer dialer() {
        return dialer;
    }

    ResidentLegs legRegistry() {
        return legs;
    }

    DoorOpeners doors() {
        return doors;
    }

    ResidentMetrics residentMetrics() {
        return metrics;
    }

    String callback() {
        String c = callback;
        if (c == null && config.enabled()) {
            throw new IllegalStateException("no callback address yet: the server is not listening");
        }
        return c == null ? "(none: the resident leg is disabled)" : c;
    }

    ResidentCallBehavior newLeg(Visit visit, ResidentCallBehavior.Events events) {
        return new ResidentCallBehavior(engines.speech(),
                call -> new ResidentDialog(config.prompts(), visit, engines.extractor().get(), call.logger(),
                        config.maxQuestions(), yesDigit, noDigit),
                engines.vocabulary(),
                Duration.ofSeconds(config.noInputSeconds()), events);
    }

    @Override
    public void close() {
        try {
            dialer.close();
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (Exception e) {
                    // closing the manager connection on shutdown: nothing left to do with an error
                }
            }
        }
    }
}
