package parley.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher: {@code parley server}, {@code parley client}, {@code parley plugins}. It depends on the
 * kernel only, and finds everything else in the plugins directory.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Parley: a small chat server and client built from plugins.",
        subcommands = {ServerCommand.class, ClientCommand.class, PluginsCommand.class, BenchCommand.class},
        footer = {"", "Run 'parley <command> --help' for a command's options."})
public final class Main implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns the exit code: 0 fine, 1 failed, 2 bad usage. */
    static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.getSubcommands().get("server").getCommandSpec().usageMessage().footer(ServerCommand.settingsHelp());
        return line;
    }

    /** The version line of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getModule().getDescriptor() != null
                    ? Main.class.getModule().getDescriptor().rawVersion().orElse("dev") : "dev";
            return new String[] {"parley " + version + " (kernel API " + parley.api.ApiVersion.CURRENT + ")"};
        }
    }
}
