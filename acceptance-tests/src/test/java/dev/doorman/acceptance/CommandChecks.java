package dev.doorman.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.analyzer.cli.AnalyzerCommand;
import dev.doorman.server.cli.DoormanCommand;
import dev.doorman.server.config.ConfigException;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a documented command against the real project: the doorman and analyzer command lines
 * parse with their real CLIs (and a server's config loads and validates), Maven modules, profiles
 * and test classes exist, compose services exist and the doorman image tag is the project's
 * version, and repository files a command names exist. Outside tools are only allowed by name.
 */
final class CommandChecks {
    /** Tools the docs may use; their repository-relative file arguments must exist. */
    private static final Set<String> TOOLS = Set.of("sox", "curl", "espeak-ng", "promtool", "systemctl", "journalctl",
            "systemd-analyze", "useradd", "install", "ls", "kill", "cat", "cd", "export", "grep", "tail", "mkdir", "cp", "jq");
    /** Words that stand for the reader's own command, e.g. {@code ... --fail-on-breach || alert}. */
    private static final Set<String> STAND_INS = Set.of("alert");
    /** Placeholders a reader replaces with a call id. */
    private static final Pattern CALL_ID_PLACEHOLDER = Pattern.compile("<(uuid|that-uuid|call-id|call_id)>");
    private static final String SAMPLE_CALL = "2e6e863f-90ea-4fad-89a4-d16a8d0df1f6";

    private final Path repo;
    private final JsonNode compose;
    private final String version;
    private final String parentPom;

    CommandChecks(Path repo) throws IOException {
        this.repo = repo;
        this.compose = new ObjectMapper(new YAMLFactory()).readTree(repo.resolve("docker-compose.yml").toFile());
        this.parentPom = Files.readString(repo.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>doorman-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parentPom);
        if (!m.find()) {
            throw new IllegalStateException("no version in pom.xml");
        }
        this.version = m.group(1);
    }

    String version() {
        return version;
    }

    /**
     * A usage synopsis reads as a command: optional groups ({@code [--port 9092]}) are taken, the
     * first of alternatives ({@code 8000|16000}), placeholders ({@code <test classpath>}) kept as one word.
     */
    static String asCommand(String synopsis) {
        return synopsis
                .replaceAll("\\[(-[^\\]]*)]", "$1")
                .replaceAll("(?<=[\\w.])\\|[\\w.|]+", "")
                .replaceAll("\\s\\.\\.\\.(?=\\s|$)", "")
                .replaceAll("(<[^<>]*) ([^<>]*>)", "$1_$2");
    }

    /** @throws AssertionError naming what is wrong with the command */
    void check(MarkdownCommands.DocCommand doc) {
        for (List<String> command : ShellWords.commands(asCommand(doc.text()))) {
            Map<String, String> env = new LinkedHashMap<>();
            List<String> words = new ArrayList<>(command);
            while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                String assignment = words.remove(0);
                env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
            words = withoutRedirections(words);
            if (words.isEmpty()) {
                continue;
            }
            String program = words.get(0);
            List<String> args = words.subList(1, words.size());
            switch (program) {
                case "./bin/doorman", "bin/doorman", "doorman" -> doorman(args, env);
                case "bin/analyzer", "analyzer" -> analyzer(args);
                case "java" -> java(args, env);
                case "mvn" -> maven(args);
                case "docker" -> docker(args);
                default -> {
                    if (TOOLS.contains(program)) {
                        filesExist(args);
                    } else if (program.contains("/") && Files.isExecutable(repo.resolve(program))) {
                        continue; // a script of the repository's
                    } else if (!STAND_INS.contains(program)) {
                        throw new AssertionError("no check for the command '" + program + "': add one to CommandChecks");
                    }
                }
            }
        }
    }

    private static List<String> withoutRedirections(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(">") || w.equals(">>") || w.equals("<") || w.equals("2>")) {
                i++; // and its file
            } else if (!w.matches("\\d?>&\\d|\\d?>>?\\S+")) {
                out.add(w);
            }
        }
        return out;
    }

    // --- the doorman ---------------------------------------------------------------------------

    void doorman(List<String> args, Map<String, String> env) {
        String[] argv = DoormanCommand.withDefaultSubcommand(args.toArray(String[]::new));
        List<CommandLine> parsed;
        try {
            parsed = DoormanCommand.commandLine(env).parseArgs(argv).asCommandLineList();
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("doorman " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        CommandLine command = parsed.get(parsed.size() - 1);
        if (command.getParseResult().isUsageHelpRequested() || command.getParseResult().isVersionHelpRequested()) {
            return;
        }
        filesExist(args);
        Object config = command.getParseResult().matchedOptionValue("--config", null);
        // An installed config (/etc/doorman/config.yaml) is the deployment tests' to check.
        boolean inRepository = config == null || !Path.of(config.toString()).isAbsolute();
        if (command.getCommandName().equals("serve") && inRepository) {
            loadServerConfig(config == null ? null : repo.resolve(config.toString()), env, command.getParseResult());
        }
    }

    /** The config `serve` would run with must load and validate; the directory it names must exist. */
    private void loadServerConfig(Path file, Map<String, String> env, CommandLine.ParseResult serve) {
        List<ConfigLoader.Override> flags = new ArrayList<>();
        Map<String, String> keys = Map.of("--port", "server.port", "--bind", "server.bind", "--log-dir", "logging.dir",
                "--admin-port", "admin.port");
        keys.forEach((flag, key) -> {
            Object value = serve.matchedOptionValue(flag, null);
            if (value != null) {
                flags.add(new ConfigLoader.Override(key, value.toString(), flag));
            }
        });
        ServerConfig config;
        try {
            config = new ConfigLoader(new DoormanHome(repo)).load(file, env, flags).config();
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        if (config.section("dialog").path("enabled").asBoolean(false)) {
            Path directory = Path.of(config.section("directory").path("path").asText());
            if (!Files.isRegularFile(directory)) {
                throw new AssertionError("the dialog's directory.path " + directory + " does not exist");
            }
        }
    }

    // --- the analyzer --------------------------------------------------------------------------

    void analyzer(List<String> args) {
        List<String> argv = args.stream().map(a -> CALL_ID_PLACEHOLDER.matcher(a).replaceAll(SAMPLE_CALL)).toList();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        try {
            CommandLine cli = new CommandLine(new AnalyzerCommand(Map.of(), Clock.systemUTC(), sink, sink, false));
            cli.setCaseInsensitiveEnumValuesAllowed(true); // as AnalyzerCommand.run sets it
            cli.parseArgs(argv.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("analyzer " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        filesExist(argv);
    }

    // --- java, mvn, docker -----------------------------------------------------------------------

    private void java(List<String> args, Map<String, String> env) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-jar")) {
                String jar = args.get(i + 1);
                List<String> rest = args.subList(i + 2, args.size());
                String name = Path.of(jar).getFileName().toString();
                if (jar.contains("/target/")) {
                    String module = jar.substring(0, jar.indexOf("/target/"));
                    requireModule(module);
                    requireText(module + "/pom.xml", "<finalName>" + name.replace(".jar", "") + "</finalName>");
                }
                switch (name) {
                    case "doorman.jar" -> doorman(rest, env);
                    case "analyzer.jar" -> analyzer(rest);
                    default -> throw new AssertionError("unknown jar " + jar);
                }
                return;
            }
            if (a.equals("-cp") || a.equals("-classpath")) {
                if (i + 2 >= args.size()) {
                    throw new AssertionError("java -cp without a class path and a main class: " + args);
                }
                for (String entry : args.get(i + 1).split(":")) {
                    if (entry.contains("/target/") && !entry.contains("<")) {
                        requireModule(entry.substring(0, entry.indexOf("/target/")));
                    }
                }
                requireClass(args.get(i + 2));
                return;
            }
        }
        throw new AssertionError("java without -jar or -cp: " + args);
    }

    private void maven(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-pl") || a.equals("--projects")) {
                for (String module : args.get(++i).split(",")) {
                    requireModule(module);
                }
            } else if (a.startsWith("-P")) {
                String profiles = a.length() > 2 ? a.substring(2) : args.get(++i);
                for (String profile : profiles.split(",")) {
                    requireProfile(profile);
                }
            } else if (a.startsWith("-Dtest=")) {
                for (String test : a.substring("-Dtest=".length()).split(",")) {
                    String simple = test.replaceAll("#.*", "");
                    if (!simple.contains("*")) {
                        requireClass(simple);
                    }
                }
            }
        }
    }

    private void docker(List<String> args) {
        if (args.isEmpty()) {
            throw new AssertionError("docker without a command");
        }
        switch (args.get(0)) {
            case "compose" -> compose(args.subList(1, args.size()));
            case "build" -> {
                int t = args.indexOf("-t");
                if (t >= 0) {
                    requireDoormanTag(args.get(t + 1));
                }
            }
            case "run" -> {
                int image = 1;
                while (image < args.size() && args.get(image).startsWith("-")) {
                    image += Set.of("-p", "-v", "-e", "--name", "--network").contains(args.get(image)) ? 2 : 1;
                }
                requireDoormanTag(args.get(image));
                doorman(args.subList(image + 1, args.size()), Map.of());
            }
            default -> throw new AssertionError("no check for docker " + args.get(0));
        }
    }

    private void compose(List<String> args) {
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "up", "down", "ps", "build", "pull", "stop", "restart", "logs", "config" -> rest.stream()
                    .filter(a -> !a.startsWith("-")).forEach(this::requireService);
            case "run", "exec" -> {
                int service = 0;
                while (rest.get(service).startsWith("-")) {
                    service++;
                }
                String name = rest.get(service);
                requireService(name);
                List<String> serviceArgs = rest.subList(service + 1, rest.size());
                if (name.equals("analyzer")) {
                    analyzer(serviceArgs);
                } else if (name.equals("doorman")) {
                    doorman(serviceArgs, Map.of());
                }
            }
            default -> throw new AssertionError("no check for docker compose " + sub);
        }
    }

    // --- the facts checked -----------------------------------------------------------------------

    private void requireDoormanTag(String image) {
        if (image.startsWith("doorman")) {
            if (!image.equals("doorman:" + version)) {
                throw new AssertionError("the image is doorman:" + version + " (the project version), not " + image);
            }
        }
    }

    private void requireService(String name) {
        if (!compose.path("services").has(name)) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
    }

    private void requireModule(String module) {
        if (!parentPom.contains("<module>" + module + "</module>")) {
            throw new AssertionError("no Maven module " + module);
        }
    }

    private void requireProfile(String profile) {
        try (Stream<Path> poms = Files.walk(repo, 2)) {
            boolean found = poms.filter(p -> p.getFileName().toString().equals("pom.xml")).anyMatch(p -> {
                try {
                    return Files.readString(p).matches("(?s).*<profile>\\s*<id>" + Pattern.quote(profile) + "</id>.*");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (!found) {
                throw new AssertionError("no Maven profile " + profile);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireClass(String name) {
        String file = (name.contains(".") ? name.replace('.', '/') : "**/" + name) + ".java";
        try (Stream<Path> sources = Files.walk(repo)) {
            var matcher = repo.getFileSystem().getPathMatcher("glob:**/src/*/java/" + file);
            if (sources.noneMatch(matcher::matches)) {
                throw new AssertionError("no class " + name);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireText(String file, String text) {
        try {
            if (!Files.readString(repo.resolve(file)).contains(text)) {
                throw new AssertionError(file + " has no " + text);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Paths into the repository's own folders (samples/..., deploy/...) must exist; build output
     * (.../target/...) is made by the build, other relative paths by the commands before.
     */
    private void filesExist(List<String> args) {
        for (String a : args) {
            String value = a.contains("=") && a.startsWith("-") ? a.substring(a.indexOf('=') + 1) : a;
            int slash = value.indexOf('/');
            if (slash <= 0 || value.startsWith("-") || value.contains("://") || value.contains("/target/")
                    || !Files.isDirectory(repo.resolve(value.substring(0, slash)))) {
                continue;
            }
            assertFile(value);
        }
    }

    private void assertFile(String path) {
        if (!Files.exists(repo.resolve(path))) {
            throw new AssertionError(path + " does not exist in the repository");
        }
    }
}
