package org.loyaltymetrics.examples.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notebooks of {@code metrics-examples/notebooks}: each {@code .jsh} script, which the tests run
 * through jshell, is also written as a Jupyter notebook ({@code .ipynb}) for a Java kernel such as
 * IJava, with the outputs of a real run. A script is a header comment followed by blocks that start
 * with a {@code // %% title} line; each block becomes a markdown cell (its title) and code cells that
 * each end with one result: an expression, whose value is the cell's result as a kernel shows it, or a
 * statement that prints. A first code cell loads the library ({@code %jars}, IJava's magic).
 *
 * <p>Run {@code main} with the notebooks directory to regenerate the {@code .ipynb} files after
 * editing a script (it runs every script through jshell); a test fails when they differ, outputs
 * included.
 */
public final class JupyterNotebooks {

    /** The cell that puts metrics-core on an IJava kernel's class path, from the notebooks directory. */
    static final String LOAD_LIBRARY = "%jars ../../metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String BLOCK_MARK = "// %%";

    private JupyterNotebooks() {
    }

    /** Writes {@code X.ipynb} next to every {@code X.jsh} of the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length == 0 ? "metrics-examples/notebooks" : args[0]);
        try (DirectoryStream<Path> scripts = Files.newDirectoryStream(directory, "*.jsh")) {
            for (Path script : scripts) {
                Path notebook = notebookOf(script);
                Files.writeString(notebook, render(script.getFileName().toString(),
                        Files.readString(script, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                System.out.println("wrote " + notebook);
            }
        }
    }

    /** The notebook that belongs to {@code script}. */
    public static Path notebookOf(Path script) {
        String name = script.getFileName().toString();
        return script.resolveSibling(name.substring(0, name.length() - ".jsh".length()) + ".ipynb");
    }

    /** The header comment of a script: its lines before the first block, without the comment marks. */
    static String header(String script) {
        StringBuilder header = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (line.startsWith(BLOCK_MARK)) {
                break;
            }
            if (!line.isBlank()) {
                header.append(line.replaceFirst("^//\\s?", "")).append('\n');
            }
        }
        return header.toString().strip();
    }

    /**
     * The notebook JSON (nbformat 4) of a script, with the outputs of running it through jshell.
     *
     * @throws JShellScript.ScriptException if a snippet of the script does not compile or throws
     */
    public static String render(String name, String script) throws IOException {
        Cells cells = new Cells();
        cells.markdown("# " + header(script).replace("\n", "\n\n"));
        cells.markdown("Load the library: build it at the project root (`mvn -q -B package -DskipTests`), "
                + "then run this cell (IJava; with another kernel, put the jar on its class path).");
        cells.code(LOAD_LIBRARY, List.of());
        boolean inBlocks = false;
        StringBuilder code = new StringBuilder();
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (JShellScript.Evaluated snippet : JShellScript.run(name, script)) {
            for (String line : snippet.lines().split("\n")) {
                if (line.startsWith(BLOCK_MARK)) {
                    cells.code(code.toString(), outputs);
                    code.setLength(0);
                    outputs = new ArrayList<>();
                    cells.markdown("## " + line.substring(BLOCK_MARK.length()).strip());
                    inBlocks = true;
                } else if (inBlocks) {
                    code.append(line).append('\n');
                }
            }
            if (!snippet.printed().isEmpty()) {
                outputs.add(output("stream", snippet.printed()));
            }
            if (snippet.expression() && snippet.value() != null) {
                outputs.add(output("execute_result", snippet.value()));
            }
            if (!outputs.isEmpty()) {
                cells.code(code.toString(), outputs);
                code.setLength(0);
                outputs = new ArrayList<>();
            }
        }
        cells.code(code.toString(), outputs);
        Map<String, Object> kernel = new LinkedHashMap<>();
        kernel.put("display_name", "Java");
        kernel.put("language", "java");
        kernel.put("name", "java");
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("name", "java");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kernelspec", kernel);
        metadata.put("language_info", language);
        Map<String, Object> notebook = new LinkedHashMap<>();
        notebook.put("cells", cells.cells);
        notebook.put("metadata", metadata);
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        return JSON.writeValueAsString(notebook) + "\n";
    }

    private static Map<String, Object> output(String type, String text) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("output_type", type);
        if (type.equals("stream")) {
            output.put("name", "stdout");
            output.put("text", lines(text));
        } else {
            output.put("data", Map.of("text/plain", lines(text)));
            output.put("metadata", Map.of());
        }
        return output;
    }

    /** Text as nbformat stores it: a list of lines, each but the last with its newline. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        String[] split = text.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            if (i + 1 < split.length) {
                lines.add(split[i] + "\n");
            } else if (!split[i].isEmpty()) {
                lines.add(split[i]);
            }
        }
        return lines;
    }

    /** The cells of a notebook, numbered as a kernel numbers its executions. */
    private static final class Cells {
        final List<Map<String, Object>> cells = new ArrayList<>();
        int executions;

        void markdown(String text) {
            cells.add(cell("markdown", text));
        }

        /** A code cell of {@code code} (nothing if it is blank) with its outputs. */
        void code(String code, List<Map<String, Object>> outputs) {
            String source = code.strip();
            if (source.isEmpty()) {
                return;
            }
            Map<String, Object> cell = cell("code", source);
            int count = ++executions;
            cell.put("execution_count", count);
            for (Map<String, Object> output : outputs) {
                if (output.get("output_type").equals("execute_result")) {
                    output.put("execution_count", count);
                }
            }
            cell.put("outputs", outputs);
            cells.add(cell);
        }

        private Map<String, Object> cell(String type, String text) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell_type", type);
            cell.put("id", type.charAt(0) + Integer.toString(cells.size()));
            cell.put("metadata", Map.of());
            cell.put("source", lines(text));
            return cell;
        }
    }
}
