package dev.doorman.server.building;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.pipeline.stt.SttConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The buildings a config serves. Without a {@code buildings} list: one building, {@value
 * BuildingConfig#DEFAULT_ID}, on {@code server.port} with the top-level sections (today's
 * single-building config). With it, each entry inherits the top-level pipeline sections and
 * overrides what it sets:
 *
 * <pre>
 * buildings:
 *   - id: north              # [a-z0-9-]+
 *     name: North Tower
 *     port: 9101
 *     directory: north-directory.json     # or a mapping like the top-level directory section
 *   - id: south
 *     port: 9102
 *     directory: south-directory.json
 *     language: pt-BR        # the language's prompts, voice and number words; a model of the language
 *     voice: pt-br           # tts.voice
 *     stt: {vosk: {modelDir: /opt/vosk/vosk-model-small-pt-0.3}}
 *     resident: {dial: "PJSIP/south-${extension}"}
 *     access: {dtmf: "7#"}
 * </pre>
 *
 * Layers, lowest first: the top-level sections, the building's {@code language} defaults, the
 * building's own sections and shorthands ({@code directory}, {@code voice}).
 */
public final class BuildingsConfig {
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    /** Sections a building may override, besides its own keys. */
    public static final Set<String> SECTIONS = Set.of("stt", "tts", "intent", "directory", "dialog", "resident",
            "access", "prompts");
    private static final List<String> OWN_KEYS = List.of("id", "name", "port", "directory", "language", "voice");
    /** Languages with built-in defaults (prompts, voice, number words); English is the code's default. */
    static final List<String> LANGUAGES = List.of("en", "pt-BR");

    private final ObjectMapper yaml = new YAMLMapper();

    private BuildingsConfig() {
    }

    /**
     * @throws ConfigException naming the key ({@code buildings[1].port}) on a bad building
     */
    public static List<BuildingConfig> from(ServerConfig config) {
        return new BuildingsConfig().read(config);
    }

    private List<BuildingConfig> read(ServerConfig config) {
        JsonNode list = config.section(ServerConfig.BUILDINGS);
        if (list.isMissingNode()) {
            Map<String, JsonNode> sections = new LinkedHashMap<>();
            for (String s : ServerConfig.PIPELINE_SECTIONS) {
                if (!config.section(s).isMissingNode()) {
                    sections.put(s, config.section(s));
                }
            }
            return List.of(new BuildingConfig(BuildingConfig.DEFAULT_ID, null, config.server().port(), "en",
                    config.prompts(), sections, ""));
        }
        if (list.isEmpty()) {
            throw new ConfigException(ServerConfig.BUILDINGS, "must list at least one building (or leave the key out)");
        }
        List<BuildingConfig> buildings = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        Map<Integer, String> ports = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            BuildingConfig b = building(config, list.get(i), ServerConfig.BUILDINGS + "[" + i + "]");
            String sameId = ids.putIfAbsent(b.id(), b.configKey());
            if (sameId != null) {
                throw new ConfigException(b.configKey() + ".id", "'" + b.id() + "' is already the id of " + sameId);
            }
            if (b.port() != 0) {
                String samePort = ports.putIfAbsent(b.port(), b.id());
                if (samePort != null) {
                    throw new ConfigException(b.configKey() + ".port", b.port() + " is already the port of building "
                            + samePort + " (each building needs its own: the port is how a call's building is known)");
                }
                if (config.admin().enabled() && b.port() == config.admin().port()) {
                    throw new ConfigException(b.configKey() + ".port", "must differ from admin.port (" + b.port() + ")");
                }
            }
            buildings.add(b);
        }
        return List.copyOf(buildings);
    }

    private BuildingConfig building(ServerConfig config, JsonNode node, String key) {
        if (!(node instanceof ObjectNode entry)) {
            throw new ConfigException(key, "must be a mapping (id, port, directory, ...), got " + node.getNodeType());
        }
        List<String> known = new ArrayList<>(OWN_KEYS);
        known.addAll(SECTIONS);
        for (String field : (Iterable<String>) entry::fieldNames) {
            if (!known.contains(field)) {
                throw new ConfigException(key + "." + field, "unknown key" + ConfigLoader.suggestion(field, known));
            }
        }
        String id = entry.path("id").asText("");
        if (!entry.path("id").isTextual() || !ID.matcher(id).matches()) {
            throw new ConfigException(key + ".id", "must be lower-case letters, digits and '-' ([a-z0-9-]+), got '"
                    + entry.path("id").asText("") + "'");
        }
        int port = config.server().port();
        if (entry.has("port")) {
            JsonNode p = entry.get("port");
            if (!p.isIntegralNumber() && !(p.isTextual() && p.asText().strip().matches("\\d{1,9}"))) {
                throw new ConfigException(key + ".port", "expected an integer, got '" + p.asText() + "'");
            }
            port = p.isIntegralNumber() ? p.asInt() : Integer.parseInt(p.asText().strip());
            if (port < 0 || port > 65535) {
                throw new ConfigException(key + ".port", "must be 0..65535, got " + port);
            }
        }
        String language = entry.path("language").asText("en");
        if (!LANGUAGES.contains(language)) {
            throw new ConfigException(key + ".language", "'" + language + "' has no built-in prompts (supported: "
                    + String.join(", ", LANGUAGES) + "; write the prompts under the building's dialog and resident "
                    + "sections and set intent.language for another one)");
        }

        Map<String, ObjectNode> sections = new LinkedHashMap<>();
        for (String s : ServerConfig.PIPELINE_SECTIONS) {
            if (config.section(s) instanceof ObjectNode top) {
                sections.put(s, top.deepCopy());
            }
        }
        sections.put("prompts", yaml.valueToTree(config.prompts()));
        mergeInto(sections, languageDefaults(language));
        ObjectNode own = JsonNodeFactory.instance.objectNode();
        for (String s : SECTIONS) {
            JsonNode value = entry.get(s);
            if (value == null || value.isNull() || s.equals("directory") && value.isTextual()) {
                continue;
            }
            if (!value.isObject()) {
                throw new ConfigException(key + "." + s, "must be a mapping of keys, got " + value.getNodeType());
            }
            own.set(s, value);
        }
        if (entry.path("directory").isTextual()) {
            own.putObject("directory").put("path", entry.get("directory").asText());
        }
        if (entry.path("voice").isTextual()) {
            own.withObject("/tts").put("voice", entry.get("voice").asText());
        }
        mergeInto(sections, own);

        ServerConfig.Prompts prompts;
        try {
            prompts = yaml.treeToValue(sections.remove("prompts"), ServerConfig.Prompts.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(key + ".prompts", "expected greeting, greetingText, hangupAfterGreeting: "
                    + e.getMessage());
        }
        requireModelOfLanguage(sections.get("stt"), language, id, key);
        return new BuildingConfig(id, entry.path("name").asText(null), port, language, prompts,
                new LinkedHashMap<>(sections), key);
    }

    // The bundled Vosk model hears US English only: a building of another language needs its own.
    private static void requireModelOfLanguage(ObjectNode stt, String language, String id, String key) {
        if (language.equals("en")) {
            return;
        }
        SttConfig config;
        try {
            config = SttConfig.from(stt);
        } catch (IllegalArgumentException e) {
            return; // reported, with its key, when the building's engines are built
        }
        if (config.engine().equals(SttConfig.VOSK) && config.vosk().modelDir() == null) {
            throw new ConfigException(key + ".stt.vosk.modelDir", "building " + id + " speaks " + language
                    + " but the bundled Vosk model is US English: set a model of that language "
                    + "(e.g. vosk-model-small-pt-0.3 for pt-BR)");
        }
    }

    private static void mergeInto(Map<String, ObjectNode> sections, ObjectNode overrides) {
        for (Map.Entry<String, JsonNode> e : overrides.properties()) {
            ObjectNode target = sections.computeIfAbsent(e.getKey(), k -> JsonNodeFactory.instance.objectNode());
            ConfigLoader.deepMerge(target, ((ObjectNode) e.getValue()).deepCopy());
        }
    }

    private ObjectNode languageDefaults(String language) {
        if (language.equals("en")) {
            return JsonNodeFactory.instance.objectNode();
        }
        String resource = "/buildings/language-" + language + ".yaml";
        try (InputStream in = BuildingsConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
