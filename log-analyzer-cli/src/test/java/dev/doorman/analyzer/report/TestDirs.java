package dev.doorman.analyzer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the checked-in golden call files. */
public final class TestDirs {
    private TestDirs() {
    }

    public static Path goldenLogs() {
        try {
            return Path.of(TestDirs.class.getResource("/golden/logs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the golden call files into {@code target}. */
    public static void copyGolden(Path target) {
        try (var files = Files.list(goldenLogs())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
