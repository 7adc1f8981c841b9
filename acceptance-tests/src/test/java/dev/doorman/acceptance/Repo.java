package dev.doorman.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in (they run in the module's folder). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("acceptance-tests"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
    }
}
