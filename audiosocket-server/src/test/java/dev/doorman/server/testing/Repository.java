package dev.doorman.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, for tests that use its samples and docs (tests run in the module folder). */
public final class Repository {
    private Repository() {
    }

    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("audiosocket-server"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
    }
}
