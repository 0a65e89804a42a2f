package org.loyaltymetrics.examples.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every notebook script through jshell with metrics-core on the class path
 * ({@link JShellScript}), failing on any snippet that does not compile or throws, and checks that
 * each script's Jupyter notebook holds that run: the same code, one result per cell, and the same
 * outputs.
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
    void notebookHoldsARunOfItsScriptWithOneResultPerCell(Path script) throws IOException {
        // render runs the script through jshell and fails on a snippet that does not compile or throws
        String run = JupyterNotebooks.render(script.getFileName().toString(),
                Files.readString(script, StandardCharsets.UTF_8));
        Path notebook = JupyterNotebooks.notebookOf(script);
        assertThat(notebook).exists();
        assertThat(Files.readString(notebook, StandardCharsets.UTF_8))
                .as("%s is stale: regenerate it with JupyterNotebooks.main", notebook)
                .isEqualTo(run);
        JsonNode cells = new ObjectMapper().readTree(run).get("cells");
        List<JsonNode> code = new ArrayList<>();
        cells.forEach(cell -> {
            if (cell.get("cell_type").asText().equals("code")) {
                code.add(cell);
            }
        });
        assertThat(code).as("code cells of %s", notebook).hasSizeGreaterThan(5);
        StringBuilder firstCell = new StringBuilder();
        code.get(0).get("source").forEach(line -> firstCell.append(line.asText()));
        assertThat(firstCell.toString()).isEqualTo(JupyterNotebooks.LOAD_LIBRARY);
        assertThat(code.subList(1, code.size())).as("code cells of %s without a result", notebook)
                .allSatisfy(cell -> assertThat(cell.get("outputs")).isNotEmpty());
        assertThat(code).as("code cells of %s with more than one expression result", notebook)
                .allSatisfy(cell -> assertThat(cell.get("outputs").findValues("data")).hasSizeLessThanOrEqualTo(1));
    }
}
