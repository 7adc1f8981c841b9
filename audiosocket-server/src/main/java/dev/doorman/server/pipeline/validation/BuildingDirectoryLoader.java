package dev.doorman.server.pipeline.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the building directory JSON file:
 * {@code [{"apartment":"302","residents":["John Smith","Mary Smith"],"extension":"1302"}]}; an entry may add
 * {@code "phones": {"Mary Smith": "1312"}} for residents with a phone of their own.
 * Every error names the file, the line of the offending entry and the field.
 */
public final class BuildingDirectoryLoader {
    private final ObjectMapper mapper;

    public BuildingDirectoryLoader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public BuildingDirectoryLoader() {
        this(new ObjectMapper());
    }

    public BuildingDirectory load(Path file) {
        String where = "directory file " + file;
        List<DirectoryEntry> entries = new ArrayList<>();
        try (JsonParser parser = mapper.getFactory().createParser(Files.newInputStream(file))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DirectoryFormatException(where + ": line " + parser.currentLocation().getLineNr()
                        + ": expected a JSON array of apartments");
            }
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new DirectoryFormatException(where + ": unexpected end of file inside the array");
                }
                int line = parser.currentLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                entries.add(entry(node, where + ": line " + line + ": entry " + index));
                index++;
            }
        } catch (NoSuchFileException e) {
            throw new DirectoryFormatException(where + ": file not found (set directory.path)", e);
        } catch (JsonProcessingException e) {
            throw new DirectoryFormatException(where + ": line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DirectoryFormatException(where + ": cannot read: " + IoErrors.reason(e), e);
        }
        if (entries.isEmpty()) {
            throw new DirectoryFormatException(where + ": the directory has no apartments");
        }
        try {
            return new BuildingDirectory(entries);
        } catch (DirectoryFormatException e) {
            throw new DirectoryFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static DirectoryEntry entry(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new DirectoryFormatException(where + ": expected an object with apartment, residents, extension");
        }
        String apartment = text(node, "apartment", where);
        String extension = text(node, "extension", where);
        JsonNode residents = node.get("residents");
        if (residents == null || !residents.isArray()) {
            throw new DirectoryFormatException(where + ": field 'residents' must be a list of names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < residents.size(); i++) {
            JsonNode name = residents.get(i);
            if (!name.isTextual() || name.asText().isBlank()) {
                throw new DirectoryFormatException(where + ": field 'residents[" + i + "]' must be a non-empty name");
            }
            names.add(name.asText().trim());
        }
        if (ApartmentNormalizer.key(apartment).isEmpty()) {
            throw new DirectoryFormatException(where + ": field 'apartment' has no number or letter: '" + apartment + "'");
        }
        return new DirectoryEntry(apartment, names, extension, phones(node.get("phones"), names, where));
    }

    private static Map<String, String> phones(JsonNode phones, List<String> residents, String where) {
        if (phones == null || phones.isNull()) {
            return Map.of();
        }
        if (!phones.isObject()) {
            throw new DirectoryFormatException(where + ": field 'phones' must map resident names to extensions");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = phones.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> phone = it.next();
            if (!residents.contains(phone.getKey().trim())) {
                throw new DirectoryFormatException(where + ": field 'phones' names '" + phone.getKey()
                        + "', who is not among the apartment's residents");
            }
            JsonNode ext = phone.getValue();
            if (!(ext.isTextual() || ext.isIntegralNumber()) || ext.asText().isBlank()) {
                throw new DirectoryFormatException(where + ": field 'phones." + phone.getKey() + "' must be a non-empty extension");
            }
            map.put(phone.getKey().trim(), ext.asText().trim());
        }
        return map;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new DirectoryFormatException(where + ": missing field '" + field + "'");
        }
        if (!(value.isTextual() || value.isIntegralNumber()) || value.asText().isBlank()) {
            throw new DirectoryFormatException(where + ": field '" + field + "' must be a non-empty string");
        }
        return value.asText().trim();
    }
}
