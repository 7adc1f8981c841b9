package dev.doorman.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.cli.DoormanCommand;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Docker image and the compose file's doorman services, checked without a Docker engine (none
 * runs where this is built): the build context holds what the Dockerfile copies, the image's
 * layout has the files its commands and configs name, the commands parse with the real CLI, and the
 * configs they load validate and run the doorman dialog.
 */
class DockerImageTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Path root;
    private static Dockerfile dockerfile;
    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        root = Repository.root();
        dockerfile = new Dockerfile(root.resolve("Dockerfile"));
        compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    }

    static String projectVersion(Path root) throws IOException {
        Matcher m = Pattern.compile("<artifactId>doorman-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertTrue(m.find(), "the parent pom's version");
        return m.group(1);
    }

    private static List<String> modules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The environment a container of the service sees: the image's ENV, then the compose file's. */
    private static Map<String, String> containerEnv(String service) {
        Map<String, String> env = new LinkedHashMap<>(dockerfile.env());
        compose.path("services").path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static DoormanHome imageHome() {
        Matcher m = Pattern.compile("-Ddoorman\\.home=(\\S+)").matcher(dockerfile.env().getOrDefault("JAVA_OPTS", ""));
        assertTrue(m.find(), "JAVA_OPTS sets doorman.home");
        return new DoormanHome(Path.of(m.group(1)));
    }

    /** Parses a doorman command line as the image's entrypoint would get it; returns serve's --config, or null. */
    private static String parseDoormanArgs(List<String> args) {
        List<CommandLine> parsed = DoormanCommand.commandLine(Map.of())
                .parseArgs(DoormanCommand.withDefaultSubcommand(args.toArray(String[]::new))).asCommandLineList();
        CommandLine last = parsed.get(parsed.size() - 1);
        assertEquals("serve", last.getCommandName(), "the image serves: " + args);
        Object config = last.getParseResult().matchedOptionValue("--config", null);
        return config == null ? null : config.toString();
    }

    @Test
    void everyFileTheDockerfileCopiesIsInTheBuildContext() throws IOException {
        DockerIgnore ignore = new DockerIgnore(root.resolve(".dockerignore"));
        List<String> sources = new ArrayList<>(dockerfile.contextSources(dockerfile.buildStage()));
        sources.addAll(dockerfile.contextSources(dockerfile.runtimeStage()));
        assertTrue(sources.size() > 10, sources.toString());
        for (String source : sources) {
            assertTrue(Files.exists(root.resolve(source)), source + " does not exist");
            assertTrue(ignore.inContext(source), source + " is excluded by .dockerignore");
        }
        assertFalse(ignore.inContext("samples/logs/2e6e863f-90ea-4fad-89a4-d16a8d0df1f6.jsonl"), "samples stay out");
        assertFalse(ignore.inContext("audiosocket-server/target/doorman.jar"), "build output stays out");
        assertFalse(ignore.inContext("audiosocket-server/src/test/java/X.java"), "tests stay out");
    }

    @Test
    void theBuildStageReadsEveryModuleAndCompilesTheOnesWithSources() throws IOException {
        List<String> copied = dockerfile.contextSources(dockerfile.buildStage());
        for (String module : modules()) {
            assertTrue(copied.contains(module + "/pom.xml"), "Maven reads every module's pom: " + module);
            if (Files.isDirectory(root.resolve(module + "/src/main"))) {
                assertTrue(copied.contains(module + "/src/main"), "sources of " + module);
            }
        }
    }

    @Test
    void theRuntimeStageListensLogsAndChecksHealthWhereTheServerDoes() {
        List<String> stage = dockerfile.runtimeStage();
        assertEquals("FROM eclipse-temurin:17-jre", stage.get(0));
        ServerConfig inImage = new ConfigLoader(imageHome()).load(null, dockerfile.env(), Map.of()).config();
        Set<Integer> exposed = dockerfile.instructions(stage, "EXPOSE").stream()
                .flatMap(l -> Arrays.stream(l.split("\\s+")))
                .map(p -> Integer.valueOf(p.replaceAll("/tcp$", ""))).collect(Collectors.toSet());
        assertEquals(Set.of(inImage.server().port(), inImage.admin().port()), exposed);
        assertEquals("0.0.0.0", inImage.admin().bind());
        String healthcheck = dockerfile.instructions(stage, "HEALTHCHECK").get(0);
        assertTrue(healthcheck.contains("curl -fsS http://127.0.0.1:" + inImage.admin().port() + "/health"), healthcheck);
        assertEquals(List.of(inImage.logging().dir()), dockerfile.instructions(stage, "VOLUME"));
        assertEquals(List.of("doorman"), dockerfile.instructions(stage, "USER"), "runs as the non-root doorman user");
    }

    @Test
    void theImagesDefaultCommandRunsTheDoormanDialogOnFilesTheImageHas() {
        List<String> entrypoint = dockerfile.execForm("ENTRYPOINT");
        assertTrue(entrypoint.get(2).contains("-jar /opt/doorman/doorman.jar"), entrypoint.toString());
        assertTrue(dockerfile.builtFiles().contains("/opt/doorman/doorman.jar"), dockerfile.builtFiles().toString());
        List<String> cmd = dockerfile.execForm("CMD");
        assertEquals(null, parseDoormanArgs(cmd), "the default command needs no config");

        ServerConfig config = new ConfigLoader(imageHome()).load(null, dockerfile.env(), Map.of()).config();
        assertTrue(config.section("dialog").get("enabled").asBoolean(), "the image runs the doorman, not the greeting");
        String directory = config.section("directory").get("path").asText();
        assertTrue(dockerfile.imageFiles().containsKey(directory), directory + " is not in the image: " + dockerfile.imageFiles());
    }

    @Test
    void composeRunsTheConfigTheImageCarriesAndItsRelativePathsLandInTheImage() {
        List<String> command = strings(compose.path("services").path("doorman").path("command"));
        String imageConfig = parseDoormanArgs(command);
        assertTrue(imageConfig != null, "compose runs serve --config: " + command);
        String repoConfig = dockerfile.imageFiles().get(imageConfig);
        assertTrue(repoConfig != null, imageConfig + " is not copied into the image: " + dockerfile.imageFiles());

        ServerConfig config = new ConfigLoader(imageHome())
                .load(root.resolve(repoConfig), containerEnv("doorman"), Map.of()).config();
        assertTrue(config.section("dialog").get("enabled").asBoolean(), "docker compose up runs the doorman dialog");
        // The config resolves directory.path against its folder: the same relative place must exist in the image.
        Path repoFolder = root.resolve(repoConfig).getParent();
        Path directory = Path.of(config.section("directory").get("path").asText());
        assertTrue(directory.startsWith(repoFolder), directory + " is outside the config's folder");
        String inImage = Path.of(imageConfig).getParent().resolve(repoFolder.relativize(directory)).toString();
        assertEquals(root.relativize(directory).toString(), dockerfile.imageFiles().get(inImage),
                "directory.path of " + imageConfig + " is " + inImage + " in the image");
        assertEquals("/var/log/doorman", config.logging().dir());
    }

    @Test
    void imageTagsArePinnedAndTheDoormanTagIsTheProjectVersion() throws IOException {
        String version = projectVersion(root);
        for (Map.Entry<String, JsonNode> service : compose.path("services").properties()) {
            String image = service.getValue().path("image").asText();
            int colon = image.lastIndexOf(':');
            assertTrue(colon > 0, service.getKey() + ": no tag in '" + image + "'");
            String tag = image.substring(colon + 1);
            assertTrue(tag.matches(".*\\d+\\.\\d+.*"), service.getKey() + ": '" + image + "' is not pinned to a version");
            if (image.startsWith("doorman:")) {
                assertEquals(version, tag, service.getKey() + " runs the image this build makes");
            }
        }
        assertTrue(dockerfile.buildStage().get(0).matches("FROM maven:\\d+\\.\\d+\\.\\d+-eclipse-temurin-17 AS build"),
                dockerfile.buildStage().get(0));
    }

    @Test
    void theAnalyzerServiceRunsTheAnalyzerTheImageHas() {
        List<String> entrypoint = strings(compose.path("services").path("analyzer").path("entrypoint"));
        String jar = entrypoint.get(entrypoint.indexOf("-jar") + 1);
        assertTrue(dockerfile.builtFiles().contains(jar), jar + " not in " + dockerfile.builtFiles());
    }
}
