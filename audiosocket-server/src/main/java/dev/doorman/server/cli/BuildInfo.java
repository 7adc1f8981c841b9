package dev.doorman.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build is: the project version (the one of the Maven build, the same for every module,
 * the image tag and the analyzer) and the bundled speech model, from {@code build.properties},
 * which Maven fills in.
 */
public record BuildInfo(String version, String voskModel) {
    private static final String RESOURCE = "build.properties";

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("voskModel", "unknown"));
    }
}
