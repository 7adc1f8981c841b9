package dev.doorman.server.building;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ServerConfig;

import java.util.Map;
import java.util.Objects;

/**
 * One building served by this process, as configured: the top-level pipeline sections with the
 * building's language defaults and its own keys merged in.
 *
 * @param id        {@code [a-z0-9-]+}; written as {@code CALL_SETUP.data.building} and as the {@code building} tag of metrics
 * @param name      for people (the startup summary, {@code /buildings}); the id when not set
 * @param port      the AudioSocket port of this building's calls (0 = any free port)
 * @param language  the language tag its defaults came from ({@code en}, {@code pt-BR})
 * @param prompts   the greeting-only prompt, when its dialog is off
 * @param sections  its raw pipeline sections ({@code stt tts intent directory dialog resident access})
 * @param configKey where it was configured ({@code buildings[1]}), or "" for the one building of a
 *                  config without a {@code buildings} list
 */
public record BuildingConfig(String id, String name, int port, String language, ServerConfig.Prompts prompts,
                             Map<String, JsonNode> sections, String configKey) {
    /** The id of the one building a config without a {@code buildings} list serves. */
    public static final String DEFAULT_ID = "default";

    public BuildingConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompts, "prompts");
        name = name == null || name.isBlank() ? id : name;
        sections = Map.copyOf(sections);
    }

    /** A raw pipeline section of this building; a missing node when absent. */
    public JsonNode section(String section) {
        JsonNode node = sections.get(section);
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The error for one of this building's keys, e.g. {@code buildings[1].directory.path}. */
    public ConfigException error(ConfigException e) {
        if (configKey.isEmpty()) {
            return e;
        }
        String key = e.key() == null ? configKey : configKey + "." + e.key();
        return new ConfigException(key, e.problem() + " (building " + id + ")", e);
    }
}
