package dev.doorman.analyzer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, loading a local file and printing the DOM after its scripts ran.
 * The flags keep it off the network (the test machine has none, and without them Chromium stalls
 * on it) and give every run a fresh profile.
 */
public final class HeadlessChromium {
    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** Chromium as installed by .ci/run, or null when this machine has none. */
    public static HeadlessChromium find() {
        Path debian = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(debian)) {
            return new HeadlessChromium(debian);
        }
        Path onPath = Requirement.onPath("chromium");
        return onPath == null ? null : new HeadlessChromium(onPath);
    }

    /** The document's DOM after load, serialized (Chromium's --dump-dom). */
    public String dumpDom(Path html, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path dom = workDir.resolve(html.getFileName() + ".dom.html");
        Path log = workDir.resolve(html.getFileName() + ".chromium.log");
        Process p = new ProcessBuilder(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()))
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 90 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited " + p.exitValue() + ": " + Files.readString(log));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }
}
