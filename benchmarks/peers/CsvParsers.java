import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Commons CSV, as the tool reads comma-separated files, against FastCSV over the same file: ROUNDS
 * rounds of each in one JVM, every record's cells taken as a list and trimmed, the wall time of each
 * round in seconds (the first round of the parser that runs first also warms up the JDK's decoding for
 * the other; a third argument, commons or fastcsv, runs that parser alone, for a first round in a new
 * JVM). FastCSV is not a dependency of the project; its jar comes from Maven Central:
 *
 *     mvn dependency:get -Dartifact=de.siegmar:fastcsv:4.3.1
 *     java -cp metrics-examples/target/loyalty-metrics.jar:$HOME/.m2/repository/de/siegmar/fastcsv/4.3.1/fastcsv-4.3.1.jar \
 *         benchmarks/peers/CsvParsers.java transactions.csv 5
 */
public class CsvParsers {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String only = args.length > 2 ? args[2] : "";
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long commons = 0;
            try (CSVParser parser = only.equals("fastcsv") ? null
                    : CSVParser.builder().setReader(open(file)).setFormat(format).get()) {
                for (CSVRecord record : parser == null ? List.<CSVRecord>of() : parser) {
                    List<String> cells = Arrays.asList(record.values());
                    commons += cells.get(0).length() + record.getCharacterPosition();
                }
            }
            long middle = System.nanoTime();
            long fast = 0;
            try (CsvReader<CsvRecord> reader = only.equals("commons") ? null
                    : CsvReader.builder().allowUnclosedQuote(false).ofCsvRecord(open(file))) {
                for (CsvRecord record : reader == null ? List.<CsvRecord>of() : reader) {
                    List<String> cells = record.getFields();
                    fast += cells.get(0).trim().length() + record.getStartingLineNumber();
                }
            }
            long end = System.nanoTime();
            System.out.printf("round %d: Commons CSV %.3f s, FastCSV %.3f s (checksums %d, %d)%n", round,
                    (middle - start) / 1e9, (end - middle) / 1e9, commons, fast);
        }
    }

    private static Reader open(Path file) throws IOException {
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
    }
}
