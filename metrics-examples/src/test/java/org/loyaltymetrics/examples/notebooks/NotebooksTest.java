package org.loyaltymetrics.examples.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.loyaltymetrics.examples.JShellScripts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every notebook script through jshell with metrics-core on the class path
 * ({@link JShellScripts}), failing on any snippet that does not compile or throws, and checks that
 * each script's Jupyter notebook holds the same code.
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
    void scriptRunsInJshellWithoutErrors(Path script) throws IOException {
        List<JShellScripts.Evaluated> snippets = JShellScripts.run(script.toString(),
                Files.readString(script, StandardCharsets.UTF_8));
        assertThat(snippets).as("snippets run from %s", script).hasSizeGreaterThan(5);
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
