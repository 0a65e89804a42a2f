package org.loyaltymetrics.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.SpendHistories;

/** The reference data sets of src/test/resources/models (see the README there). */
final class ReferenceData {

    /** One CDNOW customer: x, tₓ, T (weeks), z̄ (dollars). */
    record Customer(long x, double recency, double age, double meanSpend) {
    }

    private static List<Customer> cdnow;
    private static PurchaseHistories cdnowHistories;
    private static SpendHistories cdnowSpend;

    private ReferenceData() {
    }

    static synchronized List<Customer> cdnowCustomers() {
        if (cdnow == null) {
            List<Customer> customers = new ArrayList<>();
            for (String[] cells : rows("/cdnow/cdnow_customers_summary_with_transactions.csv")) {
                customers.add(new Customer(Long.parseLong(cells[1]), Double.parseDouble(cells[2]),
                        Double.parseDouble(cells[3]), Double.parseDouble(cells[4])));
            }
            cdnow = List.copyOf(customers);
        }
        return cdnow;
    }

    /** The 2,357 CDNOW customers in weeks. */
    static synchronized PurchaseHistories cdnow() {
        if (cdnowHistories == null) {
            PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
            cdnowCustomers().forEach(c -> accumulator.add(c.x(), c.recency(), c.age()));
            cdnowHistories = accumulator.snapshot();
        }
        return cdnowHistories;
    }

    /** The 946 CDNOW repeat buyers' x and z̄. */
    static synchronized SpendHistories cdnowSpend() {
        if (cdnowSpend == null) {
            SpendHistories.Accumulator accumulator = SpendHistories.accumulator();
            cdnowCustomers().stream().filter(c -> c.x() > 0).forEach(c -> accumulator.add(c.x(), c.meanSpend()));
            cdnowSpend = accumulator.snapshot();
        }
        return cdnowSpend;
    }

    /** The survivors of the regular segment at the start of years 0..12. */
    static long[] regularSurvivors() {
        return rows("/models/fader_hardie_2007_regular.csv").stream().mapToLong(cells -> Long.parseLong(cells[1])).toArray();
    }

    /** The donations recency/frequency table. */
    static OpportunityHistories donations() {
        OpportunityHistories.Accumulator accumulator = OpportunityHistories.accumulator();
        for (String[] cells : rows("/models/donations.csv")) {
            accumulator.add(Long.parseLong(cells[0]), Long.parseLong(cells[1]), Long.parseLong(cells[2]),
                    Long.parseLong(cells[3]));
        }
        return accumulator.snapshot();
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = ReferenceData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.trim().split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
