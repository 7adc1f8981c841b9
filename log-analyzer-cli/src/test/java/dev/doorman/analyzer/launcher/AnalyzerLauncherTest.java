package dev.doorman.analyzer.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.testing.Requirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/analyzer} on a clean build state, as a newcomer runs it: a copy of the sources with
 * no {@code target/}, and a Maven repository that has every third-party artifact but nothing of
 * this project (no {@code dev/doorman}). The launcher must build what it needs itself and run.
 */
class AnalyzerLauncherTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void buildsFromACleanCheckoutWithoutThisProjectInTheMavenRepository() throws Exception {
        Requirement.require(Requirement.onPath("mvn") != null, "mvn on the PATH");
        Path clone = tmp.resolve("clone");
        copyCleanCheckout(clone);
        Path m2 = tmp.resolve("m2");
        Path realRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        mirrorWithoutThisProject(realRepo, m2);

        Run version = run(clone, m2, "--version");
        assertEquals(0, version.code, version.output);
        assertTrue(version.output.contains("analyzer 0.1.0"), version.output);
        assertTrue(Files.isRegularFile(clone.resolve("log-analyzer-cli/target/analyzer.jar")));
        assertFalse(Files.exists(m2.resolve("dev/doorman")), "the launcher must not install into the repository");

        Run summary = run(clone, m2, "--all", "--summary", "--dir", clone.resolve("samples/logs").toString(), "--no-progress");
        assertEquals(0, summary.code, summary.output);
        long callFiles;
        try (var files = Files.list(clone.resolve("samples/logs"))) {
            // ours (.jsonl) and the replaced system's (.log)
            callFiles = files.filter(f -> f.getFileName().toString().matches(".*\\.(jsonl|log)")).count();
        }
        assertTrue(callFiles > 0);
        assertTrue(summary.output.contains("Summary of " + callFiles + " calls"), summary.output);
    }

    private record Run(int code, String output) {
    }

    private static Run run(Path clone, Path m2, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", clone.resolve("bin/analyzer").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(clone.toFile()).redirectErrorStream(true);
        pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + m2);
        Path log = Files.createTempFile(clone, "run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Run(-1, "timed out: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The parent pom, every module's pom (the reactor reads them), the sources the analyzer builds from, the launcher. */
    private static void copyCleanCheckout(Path clone) throws IOException {
        copy(REPO.resolve("pom.xml"), clone.resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(REPO.resolve("pom.xml")));
        while (modules.find()) {
            String module = modules.group(1).strip();
            copy(REPO.resolve(module).resolve("pom.xml"), clone.resolve(module).resolve("pom.xml"));
        }
        copyTree(REPO.resolve("call-events/src/main"), clone.resolve("call-events/src/main"));
        copyTree(REPO.resolve("log-analyzer-cli/src/main"), clone.resolve("log-analyzer-cli/src/main"));
        copyTree(REPO.resolve("samples/logs"), clone.resolve("samples/logs"));
        copy(REPO.resolve("bin/analyzer"), clone.resolve("bin/analyzer"));
    }

    /** Links every artifact group of the real repository except this project's. */
    private static void mirrorWithoutThisProject(Path real, Path mirror) throws IOException {
        Files.createDirectories(mirror);
        if (!Files.isDirectory(real)) {
            return;
        }
        try (Stream<Path> tops = Files.list(real)) {
            for (Path top : (Iterable<Path>) tops::iterator) {
                String name = top.getFileName().toString();
                if (!name.equals("dev")) {
                    Files.createSymbolicLink(mirror.resolve(name), top);
                    continue;
                }
                Files.createDirectories(mirror.resolve("dev"));
                try (Stream<Path> devs = Files.list(top)) {
                    for (Path d : (Iterable<Path>) devs::iterator) {
                        if (!d.getFileName().toString().equals("doorman")) {
                            Files.createSymbolicLink(mirror.resolve("dev").resolve(d.getFileName().toString()), d);
                        }
                    }
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    copy(f, to.resolve(from.relativize(f).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
