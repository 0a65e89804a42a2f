package org.loyaltymetrics.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the sample data bundled in the jar under {@code /demo/}. */
final class DemoData {

    /** Reads records from a reader. */
    interface Reading<T> {
        List<T> read(Reader reader) throws IOException;
    }

    private DemoData() {
    }

    /** The records of the bundled resource {@code resource}, read by {@code reading}. */
    static <T> List<T> load(String resource, Reading<T> reading) {
        try (InputStream in = DemoData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the sample data " + resource + " is missing from the jar");
            }
            return reading.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
