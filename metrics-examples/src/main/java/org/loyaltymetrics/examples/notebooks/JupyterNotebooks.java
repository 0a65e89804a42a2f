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
 * IJava. A script is a header comment followed by blocks that start with a {@code // %% title} line;
 * each block becomes a markdown cell (its title) and a code cell (its code).
 *
 * <p>Run {@code main} with the notebooks directory to regenerate the {@code .ipynb} files after
 * editing a script; a test fails when they differ.
 */
public final class JupyterNotebooks {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One block of a script.
     *
     * @param title the text after {@code // %%}
     * @param code the block's code
     */
    public record Block(String title, String code) {
    }

    private JupyterNotebooks() {
    }

    /** Writes {@code X.ipynb} next to every {@code X.jsh} of the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length == 0 ? "metrics-examples/notebooks" : args[0]);
        try (DirectoryStream<Path> scripts = Files.newDirectoryStream(directory, "*.jsh")) {
            for (Path script : scripts) {
                Path notebook = notebookOf(script);
                Files.writeString(notebook, render(Files.readString(script, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
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
    public static String header(String script) {
        StringBuilder header = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (line.startsWith("// %%")) {
                break;
            }
            if (!line.isBlank()) {
                header.append(line.replaceFirst("^//\\s?", "")).append('\n');
            }
        }
        return header.toString().strip();
    }

    /** The blocks of a script, in order. */
    public static List<Block> blocks(String script) {
        List<Block> blocks = new ArrayList<>();
        String title = null;
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (line.startsWith("// %%")) {
                if (title != null) {
                    blocks.add(new Block(title, code.toString().strip()));
                }
                title = line.substring("// %%".length()).strip();
                code.setLength(0);
            } else if (title != null) {
                code.append(line).append('\n');
            }
        }
        if (title != null) {
            blocks.add(new Block(title, code.toString().strip()));
        }
        return blocks;
    }

    /** The notebook JSON (nbformat 4) of a script. */
    public static String render(String script) throws IOException {
        List<Map<String, Object>> cells = new ArrayList<>();
        cells.add(cell("markdown", "# " + header(script).replace("\n", "\n\n")));
        for (Block block : blocks(script)) {
            cells.add(cell("markdown", "## " + block.title()));
            cells.add(cell("code", block.code()));
        }
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
        notebook.put("cells", cells);
        notebook.put("metadata", metadata);
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        return JSON.writeValueAsString(notebook) + "\n";
    }

    private static Map<String, Object> cell(String type, String text) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", type);
        cell.put("id", Integer.toHexString(text.hashCode() ^ type.hashCode()));
        cell.put("metadata", Map.of());
        List<String> source = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            source.add(i + 1 < lines.length ? lines[i] + "\n" : lines[i]);
        }
        cell.put("source", source);
        if (type.equals("code")) {
            cell.put("execution_count", null);
            cell.put("outputs", List.of());
        }
        return cell;
    }
}
