package dev.doorman.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.doorman.server.io.IoErrors;
import dev.doorman.server.pipeline.vad.VadConfig;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link ServerConfig} from, in increasing precedence: built-in defaults, a YAML file,
 * environment variables ({@code DOORMAN_} + the key path in upper snake case, e.g.
 * {@code DOORMAN_SERVER_PORT}, {@code DOORMAN_LOGGING_DIR}, {@code DOORMAN_SERVER_ALLOW=10.0.0.0/8,192.168.0.0/16}),
 * then command-line overrides. Unknown keys, wrong types and out-of-range values are
 * {@link ConfigException}s naming the key, and the environment variable or flag it came from.
 *
 * <p>The built-in defaults are those of {@link ServerConfig#defaults()} plus what {@code doorman serve}
 * runs out of the box: the intercom dialog ({@code dialog.enabled: true}) with the sample building
 * directory of the {@link DoormanHome} ({@code directory.path}). A server assembled in code from
 * {@code ServerConfig.defaults()} has no dialog section and plays the greeting only.
 *
 * <p>Relative paths written in the config file ({@link #PATH_KEYS}) resolve against the file's
 * folder, so a config and the files it names can move together; relative paths from environment
 * variables and flags resolve against the working directory, as on a shell.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "DOORMAN_";
    /** Keys that name a file or folder; {@code classpath:} values are left alone. */
    public static final List<String> PATH_KEYS = List.of("prompts.greeting", "logging.dir", "directory.path",
            "stt.vosk.modelDir", "stt.vosk.cacheDir", "tts.cache.dir");
    /** {@code DOORMAN_} variables that are not config keys: the application log's and the analyzer's. */
    private static final Set<String> OTHER_VARIABLES = Set.of(AppLogVariables.LEVEL, AppLogVariables.FORMAT,
            "DOORMAN_ANALYZER_DIR");
    private static final List<String> OWN_SECTIONS = List.of("server", "playback", "prompts", "vad", "logging", "admin");

    private final ObjectMapper mapper;
    private final DoormanHome home;
    private final Map<String, JsonNode> pipelineSchemas = new HashMap<>();

    /** Defaults that name files resolve against {@code -Ddoorman.home} (else the working directory). */
    public ConfigLoader() {
        this(DoormanHome.fromSystemProperties());
    }

    public ConfigLoader(DoormanHome home) {
        this.home = home;
        this.mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Teaches the loader the key names of a pipeline section (from its defaults object), so
     * environment variables like {@code DOORMAN_STT_HTTP_BASE_URL} map to {@code stt.http.baseUrl}.
     */
    public ConfigLoader withSectionSchema(String section, Object defaults) {
        pipelineSchemas.put(section, mapper.valueToTree(defaults));
        return this;
    }

    /** A value given on the command line: the dotted key, the value, and the flag that set it ({@code --port}). */
    public record Override(String key, String value, String flag) {
    }

    /**
     * The loaded configuration, notes worth printing (e.g. ignored environment variables), and
     * where each value that did not come from the defaults or the file was set.
     */
    public record Result(ServerConfig config, List<String> warnings, Map<String, String> origins) {
        public Result {
            warnings = List.copyOf(warnings);
            origins = Map.copyOf(origins);
        }

        /**
         * The error with the environment variable or flag its key was set by, for errors found
         * after loading (when a pipeline section is bound).
         */
        public ConfigException explain(ConfigException e) {
            return ConfigLoader.explain(e, origins);
        }
    }

    /**
     * @param file      YAML file, or null for defaults only
     * @param env       usually {@code System.getenv()}
     * @param overrides dotted key to value, set by the caller (errors say "from the command line")
     */
    public Result load(Path file, Map<String, String> env, Map<String, String> overrides) {
        List<Override> flags = new ArrayList<>();
        overrides.forEach((key, value) -> flags.add(new Override(key, value, "the command line")));
        return load(file, env, flags);
    }

    /**
     * @param file      YAML file, or null for defaults only
     * @param env       usually {@code System.getenv()}
     * @param overrides values from command-line flags, applied in order
     */
    public Result load(Path file, Map<String, String> env, List<Override> overrides) {
        ObjectNode tree = defaultsTree();
        Map<String, ObjectNode> raw = defaultSections();
        List<String> warnings = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        try {
            AppLogVariables.check(env);
            if (file != null) {
                JsonNode fileTree = readYaml(file);
                resolvePaths(fileTree, file.toAbsolutePath().getParent());
                mergeFile(tree, raw, fileTree);
            }
            applyEnvironment(tree, raw, env, warnings, origins);
            for (Override flag : overrides) {
                set(tree, raw, flag.key(), flag.value(), flag.flag());
                origins.put(flag.key(), flag.flag());
            }
            ServerConfig config = bind(tree, raw);
            return new Result(config.validate(), warnings, origins);
        } catch (ConfigException e) {
            throw explain(e, origins);
        }
    }

    private ObjectNode defaultsTree() {
        ObjectNode tree = mapper.valueToTree(ServerConfig.defaults());
        tree.remove("sections");
        return tree;
    }

    /** What {@code doorman serve} runs with nothing configured: the dialog, on the sample directory. */
    private Map<String, ObjectNode> defaultSections() {
        Map<String, ObjectNode> raw = new LinkedHashMap<>();
        raw.put("dialog", JsonNodeFactory.instance.objectNode().put("enabled", true));
        raw.put("directory", JsonNodeFactory.instance.objectNode().put("path", home.sampleDirectory().toString()));
        return raw;
    }

    private static ConfigException explain(ConfigException e, Map<String, String> origins) {
        String key = e.key();
        while (key != null) {
            String origin = origins.get(key);
            if (origin != null) {
                return e.withOrigin(origin);
            }
            // server.allow[1] -> server.allow -> server
            int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
            key = cut > 0 ? key.substring(0, cut) : null;
        }
        return e;
    }

    /** Rewrites the relative paths of a config file's tree to absolute ones under {@code folder}. */
    private static void resolvePaths(JsonNode fileTree, Path folder) {
        for (String key : PATH_KEYS) {
            String[] parts = key.split("\\.");
            JsonNode parent = fileTree;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]);
            }
            String leaf = parts[parts.length - 1];
            if (parent instanceof ObjectNode object && object.get(leaf) instanceof TextNode text) {
                String value = text.asText().strip();
                if (!value.isEmpty() && !value.startsWith("classpath:") && !Path.of(value).isAbsolute()) {
                    object.put(leaf, folder.resolve(value).normalize().toString());
                }
            }
        }
    }

    private JsonNode readYaml(Path file) {
        String name = file.toString();
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(name, "the top level must be a mapping of sections (server:, logging:, ...)");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ConfigException(name, "invalid YAML: " + where + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read: " + IoErrors.reason(e));
        }
    }

    private void mergeFile(ObjectNode tree, Map<String, ObjectNode> raw, JsonNode file) {
        for (Map.Entry<String, JsonNode> entry : file.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (OWN_SECTIONS.contains(key)) {
                if (value.isNull()) {
                    continue; // "vad:" with nothing under it: keep the defaults
                }
                if (!value.isObject()) {
                    throw new ConfigException(key, "must be a mapping of keys, got " + describe(value));
                }
                deepMerge((ObjectNode) tree.get(key), (ObjectNode) value);
            } else if (ServerConfig.PIPELINE_SECTIONS.contains(key)) {
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw new ConfigException(key, "must be a mapping of keys, got " + describe(value));
                }
                ObjectNode section = raw.computeIfAbsent(key, k -> JsonNodeFactory.instance.objectNode());
                deepMerge(section, ((ObjectNode) value).deepCopy());
            } else {
                List<String> known = new ArrayList<>(OWN_SECTIONS);
                known.addAll(ServerConfig.PIPELINE_SECTIONS);
                throw new ConfigException(key, "unknown key" + suggestion(key, known));
            }
        }
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        for (Map.Entry<String, JsonNode> entry : source.properties()) {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode sourceObject) {
                deepMerge(existingObject, sourceObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        }
    }

    private void applyEnvironment(ObjectNode tree, Map<String, ObjectNode> raw, Map<String, String> env,
                                  List<String> warnings, Map<String, String> origins) {
        Map<String, String> envToKey = new HashMap<>();
        indexLeaves(tree, "", envToKey);
        for (String section : ServerConfig.PIPELINE_SECTIONS) {
            JsonNode schema = pipelineSchemas.get(section);
            if (schema != null) {
                indexLeaves(schema, section, envToKey);
            }
            if (raw.containsKey(section)) {
                indexLeaves(raw.get(section), section, envToKey);
            }
        }
        for (Map.Entry<String, String> var : new TreeMap<>(env).entrySet()) {
            String name = var.getKey();
            if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length() || OTHER_VARIABLES.contains(name)) {
                continue;
            }
            String key = envToKey.get(name);
            if (key == null) {
                key = pipelineGuess(name);
            }
            if (key == null) {
                warnings.add("environment variable " + name + " matches no config key; ignored");
                continue;
            }
            set(tree, raw, key, var.getValue(), "environment variable " + name);
            origins.put(key, "environment variable " + name);
        }
    }

    // DOORMAN_STT_ENGINE -> stt.engine for pipeline keys the loader was not taught.
    private static String pipelineGuess(String envName) {
        String rest = envName.substring(ENV_PREFIX.length());
        for (String section : ServerConfig.PIPELINE_SECTIONS) {
            String prefix = section.toUpperCase(Locale.ROOT) + "_";
            if (rest.startsWith(prefix) && rest.length() > prefix.length()) {
                return section + "." + lowerCamel(rest.substring(prefix.length()));
            }
        }
        return null;
    }

    private static void indexLeaves(JsonNode node, String path, Map<String, String> index) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                indexLeaves(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), index);
            }
        } else {
            index.putIfAbsent(envName(path), path);
        }
    }

    /** {@code server.maxCalls} -> {@code DOORMAN_SERVER_MAX_CALLS}. */
    public static String envName(String dottedKey) {
        StringBuilder out = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < dottedKey.length(); i++) {
            char c = dottedKey.charAt(i);
            if (c == '.') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                out.append('_').append(c);
            } else {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }

    private static String lowerCamel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : upperSnake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }

    /** Sets a dotted key from a string; lists take comma-separated values. Types are checked when binding. */
    private void set(ObjectNode tree, Map<String, ObjectNode> raw, String key, String value, String source) {
        String[] parts = key.split("\\.");
        ObjectNode parent;
        if (OWN_SECTIONS.contains(parts[0])) {
            parent = tree;
        } else if (ServerConfig.PIPELINE_SECTIONS.contains(parts[0])) {
            parent = JsonNodeFactory.instance.objectNode();
            parent.set(parts[0], raw.computeIfAbsent(parts[0], s -> JsonNodeFactory.instance.objectNode()));
        } else {
            throw new ConfigException(key, "unknown key").withOrigin(source);
        }
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = JsonNodeFactory.instance.objectNode();
                parent.set(parts[i], child);
            }
            parent = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (parent.get(leaf) instanceof ArrayNode) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    list.add(item.strip());
                }
            }
            parent.set(leaf, list);
        } else {
            parent.set(leaf, TextNode.valueOf(value));
        }
    }

    private ServerConfig bind(ObjectNode tree, Map<String, ObjectNode> raw) {
        ServerConfig.Server server = bindSection(tree, "server", ServerConfig.Server.class);
        ServerConfig.Playback playback = bindSection(tree, "playback", ServerConfig.Playback.class);
        ServerConfig.Prompts prompts = bindSection(tree, "prompts", ServerConfig.Prompts.class);
        VadConfig vad = bindSection(tree, "vad", VadConfig.class);
        ServerConfig.Logging logging = bindSection(tree, "logging", ServerConfig.Logging.class);
        ServerConfig.Admin admin = bindSection(tree, "admin", ServerConfig.Admin.class);
        return new ServerConfig(server, playback, prompts, vad, logging, admin, new LinkedHashMap<>(raw));
    }

    private <T> T bindSection(ObjectNode tree, String section, Class<T> type) {
        try {
            return mapper.treeToValue(tree.get(section), type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            throw new ConfigException(ConfigKeyPath.of(section, e), "unknown key" + suggestion(e.getPropertyName(), known));
        } catch (InvalidFormatException e) {
            throw new ConfigException(ConfigKeyPath.of(section, e), "expected " + typeName(e.getTargetType())
                    + ", got '" + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            String problem = e.getOriginalMessage() != null && e.getOriginalMessage().contains("null")
                    ? "must not be empty" : "expected " + typeName(e.getTargetType());
            throw new ConfigException(ConfigKeyPath.of(section, e), problem);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            int space = message == null ? -1 : message.indexOf(' ');
            if (space > 0 && message.startsWith(section + ".")) {
                // The record's own check already names the key: "vad.hangoverMs = 0: must be ..."
                String rest = message.substring(space).replaceFirst("^ = [^:]*: ", "");
                String value = message.substring(space).replaceFirst("^ = ([^:]*): .*$", "$1");
                throw new ConfigException(message.substring(0, space), rest + ", got " + value);
            }
            throw new ConfigException(ConfigKeyPath.of(section, e), message);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(section, e.getMessage());
        }
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String suggestion(String key, Collection<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : known) {
            int score = distance.apply(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        if (best != null && bestScore <= Math.max(2, key.length() / 3)) {
            return " (did you mean '" + best + "'?)";
        }
        return known.isEmpty() ? "" : " (known keys: " + String.join(", ", new java.util.TreeSet<>(known)) + ")";
    }

    private static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " '" + value.asText() + "'";
    }
}
