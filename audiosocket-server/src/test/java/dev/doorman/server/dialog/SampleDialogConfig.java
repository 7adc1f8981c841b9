package dev.doorman.server.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;

/** A sample config's pipeline sections on a loopback test server (tests and benchmarks share it). */
public final class SampleDialogConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SampleDialogConfig() {
    }

    /**
     * @param sampleYaml a config under {@code <repo>/samples/}; its relative directory path is
     *                   resolved against the file's folder, as the server's config loader does
     */
    public static ServerConfig onLoopback(Path sampleYaml, Path logDir) throws IOException {
        JsonNode sample = YAML.readTree(sampleYaml.toFile());
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = defaults
                .withServer(defaults.server().withBind("127.0.0.1").withPort(0))
                .withLogging(defaults.logging().withDir(logDir.toString()))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0));
        for (String section : ServerConfig.PIPELINE_SECTIONS) {
            if (sample.has(section)) {
                config = config.withSection(section, sample.get(section).deepCopy());
            }
        }
        Path folder = sampleYaml.toAbsolutePath().normalize().getParent();
        if (config.section("directory") instanceof ObjectNode directory && directory.hasNonNull("path")
                && !Path.of(directory.get("path").asText()).isAbsolute()) {
            directory.set("path", TextNode.valueOf(folder.resolve(directory.get("path").asText()).toString()));
        }
        if (config.section("dialog") instanceof ObjectNode dialog) {
            dialog.set("enabled", BooleanNode.TRUE);
        }
        return config;
    }
}
