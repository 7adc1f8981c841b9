package dev.doorman.server.building;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.admin.BuildingAdmin;
import dev.doorman.server.call.CallBehaviorFactory;
import dev.doorman.server.call.LegRouter;
import dev.doorman.server.dialog.IntercomCallBehaviorFactory;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryFormatException;
import dev.doorman.server.resident.ResidentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One building at run time: its config, the behavior its calls get (the intercom dialog on its
 * directory, or the greeting), and the reload of its directory.
 */
public final class Building {
    private static final Logger LOG = LoggerFactory.getLogger(Building.class);

    private final BuildingConfig config;
    private final CallBehaviorFactory behaviors;
    private final IntercomCallBehaviorFactory dialog;
    private final LongAdder reloaded = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile Instant directoryLoadedAt = Instant.now();

    /** @param dialog the building's intercom dialog, or null when it plays the greeting only */
    Building(BuildingConfig config, CallBehaviorFactory behaviors, IntercomCallBehaviorFactory dialog) {
        this.config = config;
        this.behaviors = behaviors;
        this.dialog = dialog;
    }

    public String id() {
        return config.id();
    }

    public BuildingConfig config() {
        return config;
    }

    /** The building's intercom dialog, or null when its dialog is off. */
    public IntercomCallBehaviorFactory dialog() {
        return dialog;
    }

    /** The building's resident leg, or null when its dialog is off. */
    public ResidentService residents() {
        return dialog == null ? null : dialog.residents();
    }

    /** The directory new calls get, or null when the dialog is off. */
    public BuildingDirectory directory() {
        return dialog == null ? null : dialog.setup().directory();
    }

    /** Its AudioSocket port and call behavior, for the server. */
    public DoormanServer.Entrance entrance() {
        return new DoormanServer.Entrance(config.id(), config.port(), behaviors,
                dialog == null ? LegRouter.NONE : dialog.residents().legs());
    }

    /**
     * Reads the directory file again; a file that does not load is refused with its reason (logged,
     * counted, answered) and the old directory stays. Calls in progress keep the directory they
     * started with.
     */
    public BuildingAdmin.Answer reloadDirectory() {
        if (dialog == null) {
            return BuildingAdmin.Answer.conflict("building " + id() + " has no directory: its dialog is off "
                    + "(dialog.enabled: false plays the greeting only)");
        }
        BuildingDirectory old = dialog.setup().directory();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("building", id());
        body.put("path", String.valueOf(dialog.directoryPath()));
        try {
            BuildingDirectory loaded = dialog.reloadDirectory();
            directoryLoadedAt = Instant.now();
            reloaded.increment();
            LOG.info("building {}: directory reloaded from {}: {} apartments, {} residents (was {} apartments)",
                    id(), dialog.directoryPath(), loaded.entries().size(), residents(loaded), old.entries().size());
            body.put("status", "reloaded");
            body.put("apartments", loaded.entries().size());
            body.put("residents", residents(loaded));
            return new BuildingAdmin.Answer(200, body);
        } catch (DirectoryFormatException e) {
            refused.increment();
            LOG.warn("building {}: directory reload refused, the old directory stays ({} apartments): {}",
                    id(), old.entries().size(), e.getMessage());
            body.put("status", "refused");
            body.put("error", e.getMessage());
            body.put("apartments", old.entries().size());
            body.put("residents", residents(old));
            return new BuildingAdmin.Answer(422, body);
        }
    }

    /** What {@code /buildings} shows besides id, port and active calls. */
    Map<String, Object> describe() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", config.name());
        b.put("language", config.language());
        b.put("dialog", dialog != null);
        if (dialog != null) {
            BuildingDirectory directory = directory();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("path", String.valueOf(dialog.directoryPath()));
            d.put("apartments", directory.entries().size());
            d.put("residents", residents(directory));
            d.put("loaded_at", directoryLoadedAt.toString());
            d.put("reloads", reloaded.sum());
            d.put("refused", refused.sum());
            b.put("directory", d);
        }
        return b;
    }

    LongAdder reloadCounter() {
        return reloaded;
    }

    LongAdder refusedCounter() {
        return refused;
    }

    static int residents(BuildingDirectory directory) {
        return directory.entries().stream().mapToInt(e -> e.residents().size()).sum();
    }
}
