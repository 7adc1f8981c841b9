package dev.doorman.server.building;

import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.events.Stage;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.admin.BuildingAdmin;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The buildings one server serves, built from the config ({@link BuildingsConfig}): each with its
 * port, directory, language and resident leg, sharing the speech engines and manager connections
 * ({@link SharedEngines}). Gives the server its entrances, meters and the per-building admin
 * ({@code /buildings}, directory reload); closes the buildings, then the shared engines.
 *
 * <p>Meters: {@code doorman_directory_reloads_total{building,result}} ({@code result} reloaded or
 * refused), and each building's resident meters tagged with {@code building}.
 */
public final class Buildings implements BuildingAdmin, MeterBinder, AutoCloseable {
    private final Map<String, Building> buildings;
    private final SharedEngines engines;

    private Buildings(Map<String, Building> buildings, SharedEngines engines) {
        this.buildings = buildings;
        this.engines = engines;
    }

    /**
     * Builds every building of the config; nothing stays open when one fails.
     *
     * @throws ConfigException naming the building's key ({@code buildings[1].directory.path})
     */
    public static Buildings create(ServerConfig config) {
        List<BuildingConfig> configs = BuildingsConfig.from(config);
        SharedEngines engines = new SharedEngines();
        Map<String, Building> built = new LinkedHashMap<>();
        try {
            for (BuildingConfig b : configs) {
                built.put(b.id(), build(config, b, engines));
            }
        } catch (RuntimeException e) {
            new Buildings(built, engines).close();
            throw e;
        }
        return new Buildings(built, engines);
    }

    private static Building build(ServerConfig server, BuildingConfig b, SharedEngines engines) {
        try {
            if (!IntercomCallBehaviorFactory.enabled(b.section("dialog"))) {
                return new Building(b, DoormanServer.greetingBehavior(server.withPrompts(b.prompts())), null);
            }
            IntercomCallBehaviorFactory dialog = IntercomCallBehaviorFactory.fromConfig(b::section,
                    server.server().sampleRate(), engines);
            return new Building(b, dialog, dialog);
        } catch (ConfigException e) {
            throw b.error(e);
        }
    }

    /** Gives the server each building's port and behavior, the meters, readiness and the admin. */
    public DoormanServer.Builder addTo(DoormanServer.Builder builder) {
        for (Building b : buildings.values()) {
            builder.entrance(b.entrance());
            ResidentService residents = b.residents();
            if (residents != null) {
                builder.meterBinder(residents.metrics(Tags.of("building", b.id())));
            }
        }
        if (buildings.values().stream().anyMatch(b -> b.residents() != null)) {
            builder.readinessCheck("resident", () -> buildings.values().stream().map(Building::residents)
                    .allMatch(r -> r == null || !r.enabled() || r.available()));
        }
        return builder.meterBinder(this).buildingAdmin(this);
    }

    /**
     * The dialog's stage latency series exist from the start, with zero counts, tagged with the
     * providers the buildings' engines log (stages without an engine are tagged "unknown").
     */
    public void expectStages(CallLoggerManager loggers) {
        for (Building b : buildings.values()) {
            if (b.dialog() != null) {
                BuildingConfig c = b.config();
                loggers.expectStage(Stage.TRANSCRIPTION, SttConfig.from(c.section("stt")).engine());
                loggers.expectStage(Stage.INTENT_EXTRACTION, IntentConfig.from(c.section("intent")).engine());
                loggers.expectStage(Stage.FUZZY_VALIDATION, "unknown");
                loggers.expectStage(Stage.AI_PROCESSING, "unknown");
                loggers.expectStage(Stage.SYNTHESIS, TtsConfig.from(c.section("tts")).engine());
            }
        }
    }

    public List<Building> all() {
        return List.copyOf(buildings.values());
    }

    /** The building, or null. */
    public Building get(String id) {
        return buildings.get(id);
    }

    SharedEngines engines() {
        return engines;
    }

    /** True for a config without a {@code buildings} list: one building, today's keys. */
    public boolean single() {
        return buildings.size() == 1 && buildings.containsKey(BuildingConfig.DEFAULT_ID)
                && buildings.get(BuildingConfig.DEFAULT_ID).config().configKey().isEmpty();
    }

    /** For the startup summary: what the buildings share. */
    public String describeSharing() {
        return engines.describe() + " for " + buildings.size() + " building(s)";
    }

    @Override
    public Map<String, Object> describe(String building) {
        Building b = buildings.get(building);
        return b == null ? Map.of() : b.describe();
    }

    @Override
    public Answer reloadDirectory(String building) {
        Building b = buildings.get(building);
        return b == null ? Answer.notFound("no building '" + building + "'") : b.reloadDirectory();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Building b : buildings.values()) {
            reloads(registry, b.id(), "reloaded", b.reloadCounter());
            reloads(registry, b.id(), "refused", b.refusedCounter());
        }
    }

    private static void reloads(MeterRegistry registry, String building, String result, LongAdder adder) {
        FunctionCounter.builder("doorman.directory.reloads", adder, LongAdder::sum)
                .tag("building", building).tag("result", result)
                .description("Directory reloads, by building and result (refused: the old directory stayed)")
                .register(registry);
    }

    /** Closes each building's dialog (its resident service), then the engines they shared. */
    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (Building b : buildings.values()) {
            if (b.dialog() != null) {
                try {
                    b.dialog().close();
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            }
        }
        try {
            engines.close();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
