package dev.doorman.server.building;

import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.dialog.DialogConfig;
import dev.doorman.server.pipeline.intent.IntentConfig;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.pipeline.validation.DirectoryConfig;
import dev.doorman.server.resident.ResidentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildingsConfigTest {
    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws Exception {
        Path file = dir.resolve("doorman.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(new DoormanHome(dir)).load(file, Map.of(), List.of()).config();
    }

    private List<BuildingConfig> buildings(String yaml) throws Exception {
        return BuildingsConfig.from(load(yaml));
    }

    private ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> buildings(yaml));
    }

    @Test
    void withoutABuildingsListTheServerIsOneBuildingOnServerPort() throws Exception {
        List<BuildingConfig> list = buildings("""
                server: {port: 9300}
                directory: {path: d.json}
                """);
        assertEquals(1, list.size());
        BuildingConfig b = list.get(0);
        assertEquals("default", b.id());
        assertEquals(9300, b.port());
        assertEquals(dir.resolve("d.json").toString(), DirectoryConfig.from(b.section("directory")).path());
        assertEquals("", b.configKey());
    }

    @Test
    void eachBuildingInheritsTheTopLevelSectionsAndOverridesWhatItSets() throws Exception {
        List<BuildingConfig> list = buildings("""
                tts: {voice: kevin16}
                directory: {validThreshold: 0.9}
                resident:
                  ami: {host: 10.0.0.2, secret: s3}
                  dial: "PJSIP/${extension}"
                access: {dtmf: "9#"}
                prompts: {greeting: hello.wav}
                buildings:
                  - id: north
                    name: North Tower
                    port: 9101
                    directory: north.json
                  - id: south
                    port: 9102
                    directory: {path: sub/south.json, validThreshold: 0.8}
                    voice: kevin
                    resident: {dial: "Local/${extension}@south"}
                    access: {dtmf: "7#"}
                    prompts: {greeting: south.wav}
                """);
        BuildingConfig north = list.get(0);
        BuildingConfig south = list.get(1);
        assertEquals(List.of("north", "south"), list.stream().map(BuildingConfig::id).toList());
        assertEquals("North Tower", north.name());
        assertEquals("south", south.name());
        assertEquals(9101, north.port());
        assertEquals(9102, south.port());

        assertEquals(dir.resolve("north.json").toString(), DirectoryConfig.from(north.section("directory")).path());
        assertEquals(0.9, DirectoryConfig.from(north.section("directory")).thresholds().valid());
        assertEquals(dir.resolve("sub/south.json").toString(), DirectoryConfig.from(south.section("directory")).path());
        assertEquals(0.8, DirectoryConfig.from(south.section("directory")).thresholds().valid());

        assertEquals("kevin16", TtsConfig.from(north.section("tts")).voice());
        assertEquals("kevin", TtsConfig.from(south.section("tts")).voice());

        ResidentConfig northResident = ResidentConfig.from(north.section("resident"));
        ResidentConfig southResident = ResidentConfig.from(south.section("resident"));
        assertEquals("PJSIP/${extension}", northResident.dial());
        assertEquals("Local/${extension}@south", southResident.dial());
        assertEquals(northResident.ami(), southResident.ami(), "the AMI settings are inherited: one connection");
        assertEquals("9#", north.section("access").path("dtmf").asText());
        assertEquals("7#", south.section("access").path("dtmf").asText());

        assertEquals(dir.resolve("hello.wav").toString(), north.prompts().greeting());
        assertEquals(dir.resolve("south.wav").toString(), south.prompts().greeting());
        assertEquals("buildings[1]", south.configKey());
    }

    @Test
    void aPortugueseBuildingGetsThePortugueseDefaultsAndMustNameAModelOfItsLanguage() throws Exception {
        ConfigException e = error("""
                buildings:
                  - {id: north, port: 9101}
                  - {id: south, port: 9102, language: pt-BR}
                """);
        assertEquals("buildings[1].stt.vosk.modelDir", e.key());
        assertTrue(e.getMessage().contains("speaks pt-BR but the bundled Vosk model is US English"), e.getMessage());

        List<BuildingConfig> list = buildings("""
                dialog: {prompts: {goodbye: "Goodbye."}}
                buildings:
                  - {id: north, port: 9101}
                  - id: south
                    port: 9102
                    language: pt-BR
                    stt: {vosk: {modelDir: models/pt}}
                    dialog: {prompts: {goodbye: "Tchau."}}
                """);
        BuildingConfig north = list.get(0);
        BuildingConfig south = list.get(1);
        assertEquals("en", IntentConfig.from(north.section("intent")).language());
        assertEquals("pt-BR", IntentConfig.from(south.section("intent")).language());
        assertEquals("pt", SttConfig.from(south.section("stt")).language());
        assertEquals(dir.resolve("models/pt").toString(), SttConfig.from(south.section("stt")).vosk().modelDir());
        assertNull(SttConfig.from(north.section("stt")).vosk().modelDir());
        TtsConfig tts = TtsConfig.from(south.section("tts"));
        assertEquals("espeak", tts.engine());
        assertEquals("pt-br", tts.voice());
        DialogConfig dialog = DialogConfig.from(south.section("dialog"));
        assertTrue(dialog.prompts().greeting().startsWith("Olá"), dialog.prompts().greeting());
        assertEquals("Tchau.", dialog.prompts().goodbye(), "the building's own keys win over its language's");
        assertTrue(ResidentConfig.from(south.section("resident")).prompts().greeting().startsWith("Olá"));
        assertTrue(DialogConfig.from(north.section("dialog")).prompts().greeting().startsWith("Hello"));
    }

    @Test
    void badBuildingsAreRefusedNamingTheKey() {
        assertEquals("buildings[0].id", error("buildings: [{id: North, port: 9101}]").key());
        assertEquals("buildings[0].id", error("buildings: [{port: 9101}]").key());
        ConfigException sameId = error("buildings: [{id: a, port: 9101}, {id: a, port: 9102}]");
        assertEquals("config error: buildings[1].id: 'a' is already the id of buildings[0]", sameId.getMessage());
        ConfigException samePort = error("buildings: [{id: a, port: 9101}, {id: b, port: 9101}]");
        assertEquals("buildings[1].port", samePort.key());
        assertTrue(samePort.problem().startsWith("9101 is already the port of building a"), samePort.problem());
        assertEquals("buildings[0].port", error("buildings: [{id: a, port: 8080}]").key(), "the admin port");
        assertEquals("buildings[0].port", error("buildings: [{id: a, port: abc}]").key());
        assertEquals("buildings[0].port", error("buildings: [{id: a, port: 70000}]").key());
        ConfigException unknown = error("buildings: [{id: a, port: 9101, directry: x.json}]");
        assertEquals("buildings[0].directry", unknown.key());
        assertTrue(unknown.problem().contains("did you mean 'directory'"), unknown.problem());
        assertEquals("buildings[0].language", error("buildings: [{id: a, port: 9101, language: fr}]").key());
        assertEquals("buildings", error("buildings: []").key());
        assertEquals("buildings", error("buildings: {id: a}").key());
        assertEquals("buildings[0].resident", error("buildings: [{id: a, port: 9101, resident: yes}]").key());
    }
}
