package org.loyaltymetrics.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loyalty-metrics} command-line tool: reads CSV files, calls metrics-core, prints a
 * readable table or JSON. Exit status 0 on success, 2 on bad input or usage (one line on standard
 * error naming the file, line, column and value), 1 on an unexpected failure.
 */
@Command(name = "loyalty-metrics", mixinStandardHelpOptions = true, version = "loyalty-metrics 0.1.0-SNAPSHOT",
        description = "Customer loyalty, retention, behaviour and value KPIs and predictive models from CSV files.",
        subcommands = {NpsCommand.class, CsatCommand.class, CesCommand.class, ChurnCommand.class, SurvivalCommand.class,
                CohortsCommand.class, MrrCommand.class, RfmCommand.class, RepeatCommand.class, ClvCommand.class,
                FitCommand.class, ChartCommand.class, DemoCommand.class})
public final class LoyaltyMetricsCommand {

    /** Exit status for bad input or usage. */
    static final int BAD_INPUT = 2;

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new LoyaltyMetricsCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof InputException) {
                PrintWriter err = cmd.getErr();
                err.println(exception.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }
}
