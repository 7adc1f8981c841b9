package dev.doorman.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The doorman server in its own JVM (the shaded jar), started with a config file for one benchmark level. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    final int audioSocketPort;
    final int adminPort;

    private ServerProcess(Process process, int audioSocketPort, int adminPort) {
        this.process = process;
        this.audioSocketPort = audioSocketPort;
        this.adminPort = adminPort;
    }

    /**
     * Writes {@code config.yaml} (server on a free port, admin on another) into {@code dir} with
     * {@code extraYaml} appended, starts {@code java <jvmArgs> -jar <jar> serve --config ...} and
     * waits until the admin endpoint answers.
     */
    static ServerProcess start(Path jar, List<String> jvmArgs, Path dir, String yaml) throws IOException {
        int port = freePort();
        int admin = freePort();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, yaml.replace("${PORT}", Integer.toString(port)).replace("${ADMIN_PORT}", Integer.toString(admin)));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
        Process p = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("server.out").toFile())
                .redirectError(dir.resolve("server.err").toFile())
                .start();
        ServerProcess server = new ServerProcess(p, port, admin);
        PrometheusScrape scrape = new PrometheusScrape(admin);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> !p.isAlive() || answers(scrape));
        if (!p.isAlive()) {
            throw new IllegalStateException("server exited with " + p.exitValue() + "; see " + dir.resolve("server.err"));
        }
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then the exit code (the server drains its calls and logs first). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean answers(PrometheusScrape scrape) {
        try {
            return !scrape.fetch().isEmpty();
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
