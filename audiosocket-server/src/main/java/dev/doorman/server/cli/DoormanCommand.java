package dev.doorman.server.cli;

import dev.doorman.server.simulator.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code doorman}: the AudioSocket voice-bot server. {@code serve} is the default subcommand, so
 * {@code doorman --port 9092} and {@code doorman serve --port 9092} are the same.
 *
 * <p>Exit codes: 0 normal end, 1 runtime failure (e.g. the port is taken), 2 invalid
 * configuration or usage.
 */
@Command(name = "doorman", mixinStandardHelpOptions = true,
        versionProvider = DoormanCommand.Version.class,
        description = "Asterisk AudioSocket voice bot (virtual doorman) with per-call latency logs.",
        subcommands = {ServeCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class DoormanCommand implements Runnable {
    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out); // reached only with no subcommand; main() defaults to serve
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(withDefaultSubcommand(args)));
    }

    /** The command line with {@code env} as the environment seen by {@code serve}. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new DoormanCommand(), new Factory(env));
        cli.setExitCodeExceptionMapper(e -> 1);
        showServeOptions(cli);
        return cli;
    }

    /**
     * {@code doorman --help} lists serve's options after the subcommands: {@code serve} is what
     * {@code doorman} runs, so its options are the ones people look for.
     */
    private static void showServeOptions(CommandLine cli) {
        String key = "serveOptions";
        cli.getHelpSectionMap().put(key, help -> {
            CommandLine.Model.CommandSpec serve = cli.getSubcommands().get("serve").getCommandSpec();
            CommandLine.Help serveHelp = new CommandLine.Help(serve, help.colorScheme());
            List<CommandLine.Model.OptionSpec> options = serve.options().stream()
                    .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
            return String.format("%nOptions of serve (the default: `doorman --port 9093` is `doorman serve --port 9093`):%n")
                    + serveHelp.optionListExcludingGroups(options)
                    + String.format("%n`doorman serve --help` also lists the environment variables and exit codes.%n");
        });
        List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, key);
        cli.setHelpSectionKeys(keys);
    }

    /** Puts {@code serve} in front when the arguments start with an option (or are empty). */
    public static String[] withDefaultSubcommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0]))) {
            String[] withServe = new String[args.length + 1];
            withServe[0] = "serve";
            System.arraycopy(args, 0, withServe, 1, args.length);
            return withServe;
        }
        return Arrays.copyOf(args, args.length);
    }

    /** Gives {@link ServeCommand} and {@link SimulateCommand} the environment; everything else is built as picocli does. */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ServeCommand.class) {
                return cls.cast(new ServeCommand(env));
            }
            if (cls == SimulateCommand.class) {
                return cls.cast(new SimulateCommand(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"doorman " + BuildInfo.load().version()};
        }
    }
}
