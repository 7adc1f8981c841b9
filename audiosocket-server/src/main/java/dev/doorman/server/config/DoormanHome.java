package dev.doorman.server.config;

import java.nio.file.Path;

/**
 * Where doorman is installed: the folder that holds {@code samples/} (the repository checkout, or
 * {@code /opt/doorman} in the image). {@code bin/doorman}, the Docker image and the systemd unit pass
 * it as {@code -Ddoorman.home=DIR}; without it the working directory is taken. The defaults that
 * name files (the sample building directory) resolve against it, so {@code doorman serve} with no
 * config works from any working directory.
 */
public record DoormanHome(Path dir) {
    public static final String PROPERTY = "doorman.home";

    public DoormanHome {
        dir = dir.toAbsolutePath().normalize();
    }

    /** {@code -Ddoorman.home}, else the working directory. */
    public static DoormanHome fromSystemProperties() {
        String home = System.getProperty(PROPERTY);
        return new DoormanHome(Path.of(home == null || home.isBlank() ? "" : home));
    }

    /** The sample building directory the dialog uses when {@code directory.path} is not set. */
    public Path sampleDirectory() {
        return dir.resolve("samples").resolve("directory.json");
    }
}
