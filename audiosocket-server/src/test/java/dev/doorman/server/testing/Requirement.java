package dev.doorman.server.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's outside requirement (a Debian package, the shared Asterisk). On a developer's machine a
 * missing one skips the test with a loud message; under CI ({@code CI=true}) it fails the test,
 * because CI installs everything the tests need and a skip there would hide a broken set-up.
 */
public final class Requirement {
    private Requirement() {
    }

    /**
     * @param present whether the requirement is met
     * @param what    what is missing and how to get it, e.g. "espeak-ng (apt-get install espeak-ng)"
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (underCi()) {
            Assertions.fail("CI=true and a test requirement is missing: " + what);
        }
        System.err.println("\n*** SKIPPED: missing test requirement: " + what + " (with CI=true this fails) ***\n");
        Assumptions.abort("missing test requirement: " + what);
    }

    /** True when the environment says this is a CI run. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
