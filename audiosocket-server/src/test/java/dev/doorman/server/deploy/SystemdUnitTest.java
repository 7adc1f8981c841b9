package dev.doorman.server.deploy;

import dev.doorman.server.cli.DoormanCommand;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.testing.Repository;
import dev.doorman.server.testing.Requirement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/systemd/doorman.service: its install steps put every file where its command and config
 * look, its command parses with the real CLI and loads a valid config, it may write only where the
 * server writes, it keeps its hardening, and systemd itself accepts it.
 */
class SystemdUnitTest {
    private static Path unitFile;
    private static String unit;
    private static Map<String, List<String>> directives;
    /** Installed path -> repository path, from the "install" lines of the unit's header. */
    private static Map<String, String> installed;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws IOException {
        unitFile = Repository.root().resolve("deploy/systemd/doorman.service");
        unit = Files.readString(unitFile);
        directives = new LinkedHashMap<>();
        for (String line : unit.lines().map(String::strip).toList()) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && !line.startsWith("[") && eq > 0) {
                directives.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        installed = installSteps(unit);
    }

    private static Map<String, String> installSteps(String text) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : text.lines().map(String::strip).toList()) {
            if (!line.startsWith("#   install ")) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(line.substring("#   install ".length()).split("\\s+")));
            String targetDir = null;
            List<String> operands = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                switch (words.get(i)) {
                    case "-D" -> { }
                    case "-m", "-g", "-o" -> i++;
                    case "-t" -> targetDir = words.get(++i);
                    default -> operands.add(words.get(i));
                }
            }
            if (targetDir != null) {
                for (String source : operands) {
                    files.put(Path.of(targetDir, Path.of(source).getFileName().toString()).toString(), source);
                }
            } else {
                files.put(operands.get(operands.size() - 1), operands.get(0));
            }
        }
        return files;
    }

    private static String one(String key) {
        List<String> values = directives.getOrDefault(key, List.of());
        assertEquals(1, values.size(), key + " " + values);
        return values.get(0);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : directives.getOrDefault("Environment", List.of())) {
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return env;
    }

    private static List<String> execStart() {
        return Arrays.asList(one("ExecStart").split("\\s+"));
    }

    private static String property(List<String> command, String name) {
        return command.stream().filter(w -> w.startsWith("-D" + name + "=")).map(w -> w.substring(name.length() + 3))
                .findFirst().orElse(null);
    }

    @Test
    void theInstallStepsCopyFilesThatExist() {
        assertTrue(installed.containsKey("/opt/doorman/doorman.jar"), installed.toString());
        for (Map.Entry<String, String> file : installed.entrySet()) {
            if (!file.getValue().contains("/target/")) { // build output: exists after mvn package
                assertTrue(Files.exists(Repository.root().resolve(file.getValue())), file.toString());
            }
        }
    }

    @Test
    void theCommandParsesAndItsConfigValidatesWithEveryFileItNamesInstalled() {
        List<String> command = execStart();
        String jar = command.get(command.indexOf("-jar") + 1);
        assertTrue(installed.containsKey(jar), jar + " is installed");
        List<String> args = command.subList(command.indexOf("-jar") + 2, command.size());
        List<CommandLine> parsed = DoormanCommand.commandLine(Map.of())
                .parseArgs(DoormanCommand.withDefaultSubcommand(args.toArray(String[]::new))).asCommandLineList();
        CommandLine serve = parsed.get(parsed.size() - 1);
        assertEquals("serve", serve.getCommandName());
        String config = serve.getParseResult().matchedOptionValue("--config", null).toString();
        String source = installed.get(config);
        assertTrue(source != null, config + " is installed: " + installed);

        Path repoConfig = Repository.root().resolve(source);
        ServerConfig loaded = new ConfigLoader().load(repoConfig, environment(), Map.of()).config();
        assertTrue(loaded.section("dialog").get("enabled").asBoolean(), "the service runs the doorman dialog");
        Path directory = Path.of(loaded.section("directory").get("path").asText());
        String installedDirectory = Path.of(config).getParent().resolve(repoConfig.getParent().relativize(directory)).toString();
        assertTrue(installed.containsKey(installedDirectory), "directory.path is " + installedDirectory + ": " + installed);

        // It may write only where systemd gives it a folder: the call logs and the unpacked model.
        assertEquals("/var/log/" + one("LogsDirectory"), loaded.logging().dir());
        assertEquals("/var/lib/" + one("StateDirectory"), property(command, "java.io.tmpdir"));
    }

    @Test
    void itKeepsItsHardening() {
        Map<String, String> expected = Map.ofEntries(Map.entry("NoNewPrivileges", "yes"),
                Map.entry("CapabilityBoundingSet", ""), Map.entry("ProtectSystem", "strict"),
                Map.entry("ProtectHome", "yes"), Map.entry("PrivateTmp", "yes"), Map.entry("PrivateDevices", "yes"),
                Map.entry("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"), Map.entry("SystemCallFilter", "@system-service"),
                Map.entry("User", "doorman"), Map.entry("RestartPreventExitStatus", "2"));
        expected.forEach((key, value) -> assertEquals(value, one(key), key));
        assertFalse(directives.containsKey("MemoryDenyWriteExecute"), "the JIT needs writable code memory");
    }

    private static Path onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not finish: " + String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    @Test
    void systemdAcceptsTheUnitAndRatesItsExposureLow() throws Exception {
        Path analyze = onPath("systemd-analyze");
        Requirement.require(analyze != null, "systemd-analyze (Debian package systemd)");
        // verify checks that the command exists: give it this machine's java.
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path copy = tmp.resolve("doorman.service");
        Files.writeString(copy, unit.replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " "));

        run(analyze.toString(), "verify", copy.toString());
        String security = run(analyze.toString(), "security", "--offline=true", copy.toString());
        Matcher exposure = Pattern.compile("Overall exposure level for doorman.service: (\\d+\\.\\d+)").matcher(security);
        assertTrue(exposure.find(), security);
        assertTrue(Double.parseDouble(exposure.group(1)) < 3.0, "exposure " + exposure.group(1) + " (0 safest, 10 unsafe)");
    }
}
