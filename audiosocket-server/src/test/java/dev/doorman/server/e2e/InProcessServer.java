package dev.doorman.server.e2e;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ServerConfig;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real {@link DoormanServer} in the test JVM: AudioSocket on a free loopback port, admin off,
 * call logs in {@code logDir}, the greeting behavior with the given prompt. Tests adjust the rest.
 */
final class InProcessServer implements AutoCloseable {
    final DoormanServer server;
    final Path logDir;

    InProcessServer(Path logDir, Path greeting, UnaryOperator<ServerConfig.Server> serverSettings) {
        this.logDir = logDir;
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = defaults
                .withServer(serverSettings.apply(defaults.server().withBind("127.0.0.1").withPort(0)))
                .withLogging(defaults.logging().withDir(logDir.toString()))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0))
                .withPrompts(new ServerConfig.Prompts(greeting.toString(), "Thank you.", false));
        this.server = DoormanServer.builder(config).build().start();
    }

    int port() {
        return server.audioSocketPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
