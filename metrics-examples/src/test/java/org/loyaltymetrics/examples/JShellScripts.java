package org.loyaltymetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
 * Runs a script through jshell as the {@code jshell} tool reads one (line by line, evaluating the
 * buffer whenever it holds a complete snippet), with metrics-core on the class path, and fails the
 * calling test on any snippet that does not compile or throws. Shared by the tests of the notebooks
 * and of the README's code.
 */
public final class JShellScripts {

    /**
     * One evaluated snippet: its source, whether it is a bare expression (whose value jshell shows),
     * and its value as jshell prints it (null for a statement or a declaration without one).
     */
    public record Evaluated(String source, boolean expression, String value) {
    }

    private JShellScripts() {
    }

    /**
     * Evaluates {@code script} (named {@code name} in failures) in a new jshell and returns its snippets
     * in order; fails on an unfinished snippet at the end and on anything printed that names an exception.
     */
    public static List<Evaluated> run(String name, String script) {
        List<Evaluated> evaluated = new ArrayList<>();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
                JShell shell = JShell.builder().out(out).err(out).build()) {
            shell.addToClasspath(coreClassPath());
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            StringBuilder buffer = new StringBuilder();
            for (String line : script.split("\n", -1)) {
                buffer.append(line).append('\n');
                switch (analysis.analyzeCompletion(buffer.toString()).completeness()) {
                    case EMPTY:
                        buffer.setLength(0);
                        break;
                    case COMPLETE:
                    case COMPLETE_WITH_SEMI:
                        evaluate(shell, name, buffer.toString(), evaluated);
                        buffer.setLength(0);
                        break;
                    default:
                        break; // incomplete: read on
                }
            }
            assertThat(buffer.toString()).as("unfinished snippet at the end of %s", name).isBlank();
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).as("what %s printed", name).doesNotContain("Exception");
        return evaluated;
    }

    private static void evaluate(JShell shell, String name, String source, List<Evaluated> evaluated) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String snippet = info.source() != null ? info.source() : remaining;
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.exception() != null) {
                    fail(name + ": '" + snippet.strip() + "' threw " + event.exception());
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder();
                    shell.diagnostics(event.snippet()).forEach(d -> why.append(d.getMessage(Locale.ROOT)).append("; "));
                    fail(name + ": '" + snippet.strip() + "' was rejected: " + why);
                }
                if (event.causeSnippet() == null) {
                    Snippet.SubKind kind = event.snippet().subKind();
                    boolean expression = kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                            || event.snippet().kind() == Snippet.Kind.EXPRESSION;
                    evaluated.add(new Evaluated(snippet, expression, event.value()));
                }
            }
            remaining = info.remaining();
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
