package org.loyaltymetrics.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a sample CSV file bundled in the jar under {@code /demo/}, one record per row. */
final class SampleCsv {

    private SampleCsv() {
    }

    /** Every row of {@code /demo/<name>}, mapped by {@code mapper}. */
    static <T> List<T> read(String name, Function<CSVRecord, T> mapper) {
        String resource = "/demo/" + name;
        try (InputStream in = SampleCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the sample data " + resource + " is missing from the jar");
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            List<T> rows = new ArrayList<>();
            try (CSVParser parser = CSVParser.builder().setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    rows.add(mapper.apply(record));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
