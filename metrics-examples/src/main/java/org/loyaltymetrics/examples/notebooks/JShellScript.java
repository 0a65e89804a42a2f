package org.loyaltymetrics.examples.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.loyaltymetrics.survey.NetPromoterScore;

/**
 * Runs a script as the {@code jshell} tool reads one, line by line, evaluating the buffer whenever it
 * holds a complete snippet, in a new jshell with metrics-core on its class path; used to run the
 * notebooks and the README's code, and to store the notebooks' outputs. The snippets run in this JVM
 * (jshell's local execution engine), and what they print is caught per snippet: not thread-safe
 * against other code that replaces {@code System.out} meanwhile.
 */
public final class JShellScript {

    /**
     * One evaluated snippet.
     *
     * @param source its source
     * @param lines the lines of the script it was read from, with the comments and blank lines before it;
     *     empty for the second and later snippets of one line
     * @param expression whether it is a bare expression, whose value jshell shows
     * @param value its value as jshell shows it, null for a statement or a declaration without one
     * @param printed what it wrote to standard output and standard error while it ran
     */
    public record Evaluated(String source, String lines, boolean expression, String value, String printed) {
    }

    /** A snippet that did not compile or threw. */
    public static final class ScriptException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScriptException(String message) {
            super(message);
        }
    }

    private JShellScript() {
    }

    /**
     * Evaluates {@code script} (named {@code name} in messages) in a new jshell and returns its snippets
     * in order.
     *
     * @throws ScriptException if a snippet is rejected, throws, or is left unfinished at the end
     */
    public static List<Evaluated> run(String name, String script) {
        List<Evaluated> evaluated = new ArrayList<>();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
                JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            shell.addToClasspath(coreClassPath());
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            StringBuilder buffer = new StringBuilder();
            StringBuilder lines = new StringBuilder();
            for (String line : script.split("\n", -1)) {
                buffer.append(line).append('\n');
                lines.append(line).append('\n');
                switch (analysis.analyzeCompletion(buffer.toString()).completeness()) {
                    case EMPTY:
                        buffer.setLength(0);
                        break;
                    case COMPLETE:
                    case COMPLETE_WITH_SEMI:
                        evaluate(shell, name, buffer.toString(), lines.toString(), output, evaluated);
                        buffer.setLength(0);
                        lines.setLength(0);
                        break;
                    default:
                        break; // incomplete: read on
                }
            }
            if (!buffer.toString().isBlank()) {
                throw new ScriptException(name + ": unfinished snippet at the end: " + buffer.toString().strip());
            }
        }
        return evaluated;
    }

    private static void evaluate(JShell shell, String name, String source, String lines,
            ByteArrayOutputStream output, List<Evaluated> evaluated) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        String unclaimed = lines;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String snippet = info.source() != null ? info.source() : remaining;
            for (SnippetEvent event : evalCapturingOutput(shell, snippet, output)) {
                if (event.exception() != null) {
                    throw new ScriptException(name + ": '" + snippet.strip() + "' threw " + event.exception());
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder();
                    shell.diagnostics(event.snippet()).forEach(d -> why.append(d.getMessage(Locale.ROOT)).append("; "));
                    throw new ScriptException(name + ": '" + snippet.strip() + "' was rejected: " + why);
                }
                if (event.causeSnippet() == null) {
                    boolean expression = event.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                            || event.snippet().kind() == Snippet.Kind.EXPRESSION;
                    String printed = output.toString(StandardCharsets.UTF_8);
                    output.reset();
                    evaluated.add(new Evaluated(snippet, unclaimed, expression, event.value(), printed));
                    unclaimed = "";
                }
            }
            remaining = info.remaining();
        }
    }

    /**
     * Evaluates {@code snippet}; the local execution engine runs it in this JVM, so what it prints to
     * {@code System.out} and {@code System.err} is caught in {@code output} while it runs.
     */
    private static List<SnippetEvent> evalCapturingOutput(JShell shell, String snippet, ByteArrayOutputStream output) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
        synchronized (JShellScript.class) {
            System.setOut(capture);
            System.setErr(capture);
            try {
                return shell.eval(snippet);
            } finally {
                capture.flush();
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
    }

    private static String coreClassPath() {
        try {
            return Path.of(NetPromoterScore.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate metrics-core on the class path", e);
        }
    }
}
