package dev.doorman.server.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorman.server.config.ConfigKeyPath;

/**
 * Binds one raw config section (e.g. {@code stt}, kept as a {@link JsonNode} by the server config)
 * to a record, rejecting unknown keys and bad values with a message that names the full key
 * ({@code stt.http.timeoutMs}).
 */
public final class ConfigSectionBinder {
    private final ObjectMapper mapper;

    public ConfigSectionBinder() {
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /**
     * @param section the section name used in error messages, e.g. "stt"
     * @param node    the raw section; null/missing/null-node binds as an empty object (all defaults)
     * @throws IllegalArgumentException naming the offending key
     */
    public <T> T bind(String section, JsonNode node, Class<T> type) {
        JsonNode source = node == null || node instanceof MissingNode || node instanceof NullNode
                ? mapper.createObjectNode() : node;
        if (!(source instanceof ObjectNode)) {
            throw new IllegalArgumentException(section + ": expected a mapping of keys, got " + source.getNodeType());
        }
        try {
            return mapper.treeToValue(source, type);
        } catch (ValueInstantiationException e) {
            // A record's own check failed: its message already names the key ("resident.attempts must be ...").
            if (e.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null
                    && invalid.getMessage().startsWith(section + ".")) {
                throw new IllegalArgumentException(invalid.getMessage(), e);
            }
            throw new IllegalArgumentException(ConfigKeyPath.of(section, e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(ConfigKeyPath.of(section, e) + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(section + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException(section + ": " + e.getMessage(), e);
        }
    }
}
