package org.loyaltymetrics.churn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The NCCTG lung cancer data (R's survival::lung, src/test/resources/survival/lung.csv, see the README
 * there) and the R reference values of lung-reference.csv, made by lung-reference.R.
 */
public final class Lung {

    /** Columns: inst, time, status, age, sex, ph.ecog, ...; NaN where missing. */
    public static final List<double[]> ROWS = read("/survival/lung.csv");
    public static final List<double[]> SPLIT = read("/survival/lung-split.csv");
    public static final Map<String, Double> R = reference("/survival/lung-reference.csv");

    public static final int INST = 0;
    public static final int TIME = 1;
    public static final int STATUS = 2;
    public static final int AGE = 3;
    public static final int SEX = 4;
    public static final int ECOG = 5;

    private Lung() {
    }

    public static double r(String name) {
        Double value = R.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no reference value " + name);
        }
        return value;
    }

    /** The rows with every listed column present. */
    public static List<double[]> complete(int... columns) {
        List<double[]> rows = new ArrayList<>();
        for (double[] row : ROWS) {
            boolean ok = true;
            for (int c : columns) {
                ok &= !Double.isNaN(row[c]);
            }
            if (ok) {
                rows.add(row);
            }
        }
        return rows;
    }

    public static double[] column(List<double[]> rows, int c) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[c];
        }
        return values;
    }

    public static boolean[] events(List<double[]> rows) {
        boolean[] events = new boolean[rows.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = rows.get(i)[STATUS] == 2.0;
        }
        return events;
    }

    private static List<double[]> read(String resource) {
        try (InputStream in = Lung.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<double[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",", -1);
                double[] row = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    String cell = cells[i].trim();
                    row[i] = cell.isEmpty() || cell.equals("NA") ? Double.NaN : Double.parseDouble(cell);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name,value lines of an R reference file of the test resources (header skipped). */
    public static Map<String, Double> reference(String resource) {
        Map<String, Double> map = new HashMap<>();
        try (InputStream in = Lung.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comma = line.lastIndexOf(',');
                map.put(line.substring(0, comma), Double.parseDouble(line.substring(comma + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
