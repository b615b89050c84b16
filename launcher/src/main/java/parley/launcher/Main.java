package parley.launcher;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The launcher: {@code parley server}, {@code parley client}, {@code parley plugins}. It depends on the
 * kernel only, and finds everything else in the plugins directory.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Parley: a small chat server and client built from plugins.",
        subcommands = {ServerCommand.class, ClientCommand.class, PluginsCommand.class, BenchCommand.class,
            ConfigCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:ok",
            "1:failure: the server could not start, the connection failed or was lost, a plugin failed",
            "2:usage error: an unknown option, a bad setting, a config file that cannot be read"},
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
        // the footer is made only when the help is shown: it reads the plugins (--plugins, or the default)
        line.getSubcommands().get("server").getHelpSectionMap().put(
                picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
                    Path dir = help.commandSpec().findOption("--plugins").getValue();
                    return ServerCommand.settingsHelp(help.commandSpec().usageMessage().width(),
                            dir != null ? dir : Home.plugins());
                });
        return line;
    }

    /**
     * The version line of {@code --version} on every command. The number is the module's version,
     * which the build takes from the root pom: the one place it is written.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"parley " + number() + " (kernel API " + parley.api.ApiVersion.CURRENT + ")"};
        }

        static String number() {
            java.lang.module.ModuleDescriptor descriptor = Main.class.getModule().getDescriptor();
            return descriptor == null ? "dev" : descriptor.rawVersion().orElse("dev");
        }
    }
}
