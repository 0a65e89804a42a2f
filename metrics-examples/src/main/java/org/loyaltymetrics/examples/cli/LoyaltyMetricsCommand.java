package org.loyaltymetrics.examples.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code loyalty-metrics} command-line tool: reads CSV files, calls metrics-core, prints a
 * readable table or JSON. Exit status 0 on success, 2 on bad input or usage (one line on standard
 * error naming the file, line, column and value, or the option, what was wrong and what is
 * accepted), 1 on an unexpected failure (one line too, naming the exception; the stack trace only
 * with the environment variable {@value #DEBUG} set). Numbers and dates, in files and options, follow
 * the one grammar of {@link InputSyntax}. {@code help [COMMAND]} prints the help of the tool or of a
 * command; {@code generate-completion} prints a bash/zsh completion script ({@code source <(loyalty-metrics
 * generate-completion)}, with {@code loyalty-metrics} an alias of {@code java -jar loyalty-metrics.jar}).
 */
@Command(name = "loyalty-metrics", mixinStandardHelpOptions = true, version = "loyalty-metrics 0.1.0-SNAPSHOT",
        description = "Customer loyalty, retention, behaviour and value KPIs and predictive models from CSV files.")
public final class LoyaltyMetricsCommand {

    /**
     * The commands, in the order of the help. picocli reads every option of a command it is given, with
     * the classes of their types, which for all of them took about a third of a second at start-up: a run
     * of one command gets that one only (see {@link #commandLine}).
     */
    private static final Map<String, Class<?>> COMMANDS = commands(NpsCommand.class, CsatCommand.class,
            CesCommand.class, ChurnCommand.class, SurvivalCommand.class, ChurnModelCommand.class, CohortsCommand.class,
            MrrCommand.class,
            RfmCommand.class, RepeatCommand.class, ClvCommand.class, FitCommand.class, EvaluateCommand.class,
            ScoreCommand.class, ProgrammeCommand.class, ChartCommand.class,
            DemoCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class);

    /** Exit status for bad input or usage. */
    static final int BAD_INPUT = 2;

    /** Exit status for an unexpected failure. */
    static final int FAILURE = 1;

    /** The environment variable that, set to anything, prints the stack trace of an unexpected failure. */
    static final String DEBUG = "LOYALTY_METRICS_DEBUG";

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit status. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine(args);
        Converters.register(commandLine);
        commandLine.setParameterExceptionHandler(LoyaltyMetricsCommand::usageError);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof InputException) {
                return badInput(cmd.getErr(), exception.getMessage());
            }
            if (System.getenv(DEBUG) != null) {
                throw exception;
            }
            PrintWriter err = cmd.getErr();
            err.println(InputSyntax.oneLine(cmd.getCommandSpec().qualifiedName() + ": unexpected failure: "
                    + exception + " (set " + DEBUG + "=1 for the stack trace)"));
            err.flush();
            return FAILURE;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // what a command holds grows with the customers or accounts of its input, not with its rows
            PrintWriter err = commandLine.getErr();
            err.println("loyalty-metrics: out of memory: a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB is too small for this input; give the JVM more, e.g. java -Xmx2g -jar loyalty-metrics.jar, "
                    + "or JAVA_OPTS=-Xmx2g with the loyalty-metrics launcher");
            err.flush();
            return FAILURE;
        }
    }

    /**
     * The tool with the command that {@code args} run, or with every command when they run none of them
     * alone ({@code help}, {@code generate-completion}, a top-level option, a mistyped command), so that
     * the help lists them all and a mistake gets its suggestions.
     */
    private static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new LoyaltyMetricsCommand());
        Class<?> command = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (command != null && command != HelpCommand.class && command != AutoComplete.GenerateCompletion.class) {
            commandLine.addSubcommand(command);
        } else {
            COMMANDS.values().forEach(commandLine::addSubcommand);
            // picocli hides its completion command by default; this tool lists it with the others
            commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        }
        return commandLine;
    }

    private static Map<String, Class<?>> commands(Class<?>... classes) {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (Class<?> command : classes) {
            commands.put(command.getAnnotation(Command.class).name(), command);
        }
        return commands;
    }

    /**
     * A usage error (an option out of range, a missing or unknown option) on one line, without the
     * usage help: the message, then where the help is.
     */
    private static int usageError(ParameterException exception, String[] args) {
        CommandLine cmd = exception.getCommandLine();
        String message = exception.getMessage();
        if (exception instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            message = "unknown option or argument " + unmatched.getUnmatched().stream().limit(3).map(InputSyntax::quote)
                    .collect(Collectors.joining(", ")) + (suggestions.isEmpty() ? ""
                            : "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3,
                                    suggestions.size()))) + "?");
        }
        return badInput(cmd.getErr(), message + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
    }

    private static int badInput(PrintWriter err, String message) {
        err.println(InputSyntax.oneLine(message));
        err.flush();
        return BAD_INPUT;
    }
}
