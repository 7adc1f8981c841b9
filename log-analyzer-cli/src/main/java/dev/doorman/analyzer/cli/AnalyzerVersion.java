package dev.doorman.analyzer.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code analyzer --version}: the project version of this build (the same as the server's), from build.properties. */
public final class AnalyzerVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = AnalyzerVersion.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"analyzer " + p.getProperty("version", "unknown")};
    }
}
