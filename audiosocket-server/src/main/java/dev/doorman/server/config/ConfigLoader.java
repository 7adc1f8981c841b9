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
import java.util.TreeMap;

/**
 * Builds a {@link ServerConfig} from, in increasing precedence: built-in defaults, a YAML file,
 * environment variables ({@code DOORMAN_} + the key path in upper snake case, e.g.
 * {@code DOORMAN_SERVER_PORT}, {@code DOORMAN_LOGGING_DIR}, {@code DOORMAN_SERVER_ALLOW=10.0.0.0/8,192.168.0.0/16}),
 * then command-line overrides. Unknown keys, wrong types and out-of-range values are
 * {@link ConfigException}s naming the key.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "DOORMAN_";
    private static final List<String> OWN_SECTIONS = List.of("server", "playback", "prompts", "vad", "logging", "admin");

    private final ObjectMapper mapper;
    private final Map<String, JsonNode> pipelineSchemas = new HashMap<>();

    public ConfigLoader() {
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

    /** The loaded configuration and notes worth printing (e.g. ignored environment variables). */
    public record Result(ServerConfig config, List<String> warnings) {
    }

    /**
     * @param file      YAML file, or null for defaults only
     * @param env       usually {@code System.getenv()}
     * @param overrides dotted key to value, from command-line flags
     */
    public Result load(Path file, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree = defaultsTree();
        Map<String, ObjectNode> raw = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (file != null) {
            mergeFile(tree, raw, readYaml(file));
        }
        applyEnvironment(tree, raw, env, warnings);
        overrides.forEach((key, value) -> set(tree, raw, key, value, "--" + key));
        ServerConfig config = bind(tree, raw);
        return new Result(config.validate(), warnings);
    }

    private ObjectNode defaultsTree() {
        ObjectNode tree = mapper.valueToTree(ServerConfig.defaults());
        tree.remove("sections");
        return tree;
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
            throw new ConfigException(name, "cannot read: " + e.getMessage());
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
                raw.put(key, ((ObjectNode) value).deepCopy());
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
                                  List<String> warnings) {
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
            if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length()) {
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
            set(tree, raw, key, var.getValue(), name);
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
            throw new ConfigException(key, "unknown key (from " + source + ")");
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
