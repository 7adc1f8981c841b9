package dev.doorman.analyzer.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's outside requirement (a Debian package, a tool on the PATH). On a developer's machine a
 * missing one skips the test with a loud message; under CI ({@code CI=true}) it fails the test,
 * because CI installs everything the tests need. (The analyzer's own copy of the server's test
 * helper: this module depends on the event schema only.)
 */
public final class Requirement {
    private Requirement() {
    }

    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and a test requirement is missing: " + what);
        }
        System.err.println("\n*** SKIPPED: missing test requirement: " + what + " (with CI=true this fails) ***\n");
        Assumptions.abort("missing test requirement: " + what);
    }

    /** The first executable named {@code name} on the PATH, or null. */
    public static java.nio.file.Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir, name);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
