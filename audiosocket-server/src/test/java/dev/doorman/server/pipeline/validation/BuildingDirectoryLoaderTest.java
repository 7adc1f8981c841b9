package dev.doorman.server.pipeline.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildingDirectoryLoaderTest {
    @TempDir
    Path dir;

    private final BuildingDirectoryLoader loader = new BuildingDirectoryLoader();

    @Test
    void loadsTheSampleDirectory() {
        Path sample = Path.of("../samples/directory.json");
        BuildingDirectory directory = loader.load(sample);
        DirectoryEntry entry = directory.apartment("302").orElseThrow();
        assertEquals(List.of("John Smith", "Mary Smith"), entry.residents());
        assertEquals("1302", entry.extension());
        assertTrue(directory.residentNames().contains("João Oliveira"));
    }

    @Test
    void missingFieldNamesFileLineAndField() throws IOException {
        Path file = write("""
                [
                  {"apartment": "101", "residents": ["A B"], "extension": "1101"},
                  {"apartment": "102", "residents": ["C D"]}
                ]
                """);
        DirectoryFormatException e = assertThrows(DirectoryFormatException.class, () -> loader.load(file));
        assertEquals("directory file " + file + ": line 3: entry 1: missing field 'extension'", e.getMessage());
    }

    @Test
    void residentsMustBeAListOfNames() throws IOException {
        Path file = write("[{\"apartment\":\"101\",\"residents\":\"A B\",\"extension\":\"1\"}]");
        DirectoryFormatException e = assertThrows(DirectoryFormatException.class, () -> loader.load(file));
        assertTrue(e.getMessage().endsWith("line 1: entry 0: field 'residents' must be a list of names"), e.getMessage());
        Path blank = write("[{\"apartment\":\"101\",\"residents\":[\"\"],\"extension\":\"1\"}]");
        e = assertThrows(DirectoryFormatException.class, () -> loader.load(blank));
        assertTrue(e.getMessage().contains("field 'residents[0]' must be a non-empty name"), e.getMessage());
    }

    @Test
    void brokenJsonReportsLineAndColumn() throws IOException {
        Path file = write("[\n  {\"apartment\": \"101\",,}\n]");
        DirectoryFormatException e = assertThrows(DirectoryFormatException.class, () -> loader.load(file));
        assertTrue(e.getMessage().startsWith("directory file " + file + ": line 2, column"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void notAnArrayMissingFileDuplicateAndEmpty() throws IOException {
        Path object = write("{\"apartment\":\"101\"}");
        assertTrue(assertThrows(DirectoryFormatException.class, () -> loader.load(object)).getMessage()
                .endsWith("expected a JSON array of apartments"));
        Path missing = dir.resolve("nope.json");
        assertEquals("directory file " + missing + ": file not found (set directory.path)",
                assertThrows(DirectoryFormatException.class, () -> loader.load(missing)).getMessage());
        Path twice = write("[{\"apartment\":\"101\",\"residents\":[],\"extension\":\"1\"},"
                + "{\"apartment\":\"apt 101\",\"residents\":[],\"extension\":\"2\"}]");
        assertTrue(assertThrows(DirectoryFormatException.class, () -> loader.load(twice)).getMessage()
                .contains("apartment 'apt 101' is listed twice"));
        Path empty = write("[]");
        assertTrue(assertThrows(DirectoryFormatException.class, () -> loader.load(empty)).getMessage()
                .endsWith("the directory has no apartments"));
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "directory", ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
