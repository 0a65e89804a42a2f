package org.loyaltymetrics.examples.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every notebook script through jshell with metrics-core on the class path, failing on any
 * snippet that does not compile or throws, and checks that each script's Jupyter notebook holds the
 * same code.
 */
class NotebooksTest {

    static final Path NOTEBOOKS = Path.of("notebooks");

    static Stream<Path> scripts() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            scripts = files.filter(p -> p.toString().endsWith(".jsh")).sorted().toList();
        }
        assertThat(scripts).as("notebook scripts in %s", NOTEBOOKS.toAbsolutePath()).isNotEmpty();
        return scripts.stream();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptRunsInJshellWithoutErrors(Path script) throws IOException, URISyntaxException {
        String core = Path.of(NetPromoterScore.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
                JShell shell = JShell.builder().out(out).err(out).build()) {
            shell.addToClasspath(core);
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            // As the jshell tool reads a script: line by line, evaluating the buffer once it is complete.
            StringBuilder buffer = new StringBuilder();
            int snippets = 0;
            for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
                buffer.append(line).append('\n');
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(buffer.toString());
                switch (info.completeness()) {
                    case EMPTY:
                        buffer.setLength(0);
                        break;
                    case COMPLETE:
                    case COMPLETE_WITH_SEMI:
                        snippets += evaluate(shell, script, buffer.toString());
                        buffer.setLength(0);
                        break;
                    default:
                        break; // incomplete: read on
                }
            }
            assertThat(buffer.toString()).as("unfinished snippet at the end of %s", script).isBlank();
            assertThat(snippets).as("snippets run from %s", script).isGreaterThan(5);
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
    }

    private static int evaluate(JShell shell, Path script, String source) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int count = 0;
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String snippet = info.source() != null ? info.source() : remaining;
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.exception() != null) {
                    fail(script + ": '" + snippet.strip() + "' threw " + event.exception());
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder();
                    shell.diagnostics(event.snippet()).forEach(d -> why.append(d.getMessage(Locale.ROOT)).append("; "));
                    fail(script + ": '" + snippet.strip() + "' was rejected: " + why);
                }
            }
            count++;
            remaining = info.remaining();
        }
        return count;
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void jupyterNotebookMatchesTheScript(Path script) throws IOException {
        Path notebook = JupyterNotebooks.notebookOf(script);
        assertThat(notebook).exists();
        assertThat(Files.readString(notebook, StandardCharsets.UTF_8))
                .as("%s is stale: regenerate it with JupyterNotebooks.main", notebook)
                .isEqualTo(JupyterNotebooks.render(Files.readString(script, StandardCharsets.UTF_8)));
    }
}
