package parley.jmh;

import java.util.Collection;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./parley bench jmh [JMH options]}: runs the benchmarks of this module with JMH (its options as
 * usual: a name pattern, {@code -t 2} for two threads, {@code -f 3} for three forks, {@code -h} for all),
 * then prints each one's throughput in MB/s of wire bytes.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("parley bench jmh: " + e.getMessage() + " (-h lists JMH's options)");
            System.exit(2);
            return;
        }
        if (options.shouldHelp()) {
            System.out.println("usage: ./parley bench jmh [JMH options] [benchmark name pattern]");
            options.showHelp();
            return;
        }
        if (options.shouldList()) {
            new Runner(options).list();
            return;
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(options).build()).run();
        System.out.println();
        System.out.println(Blocks.describe());
        System.out.printf("%-24s %8s %12s %14s%n", "benchmark", "threads", "MB/s", "± (99.9 %)");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = result.getPrimaryResult();
            double bytes = Blocks.bytesPerOperation(method);
            System.out.printf("%-24s %8d %12.1f %14.1f%n", method, result.getParams().getThreads(),
                    primary.getScore() * bytes / 1e6, primary.getScoreError() * bytes / 1e6);
        }
    }
}
