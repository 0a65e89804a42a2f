package org.loyaltymetrics.examples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer of the bundled CDNOW cohort summary ({@code /demo/cdnow-customers.csv}, see the README
 * beside it): repeat purchases, recency and age in weeks, mean value of the repeat purchases.
 *
 * @param id the customer's id in the file
 * @param frequency repeat purchases x
 * @param recency weeks from the first to the last purchase, tₓ
 * @param age weeks from the first purchase to the end of the period, T
 * @param meanSpend mean value of the repeat purchases in dollars, 0 when x = 0
 */
public record CdnowCustomer(String id, long frequency, double recency, double age, double meanSpend) {

    /** The 2,357 customers of the bundled summary, in file order. */
    public static List<CdnowCustomer> sample() {
        try (InputStream in = CdnowCustomer.class.getResourceAsStream("/demo/cdnow-customers.csv")) {
            if (in == null) {
                throw new IllegalStateException("the sample data /demo/cdnow-customers.csv is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            List<CdnowCustomer> customers = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.trim().split(",");
                    customers.add(new CdnowCustomer(cells[0], Long.parseLong(cells[1]), Double.parseDouble(cells[2]),
                            Double.parseDouble(cells[3]), Double.parseDouble(cells[4])));
                }
            }
            return customers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
