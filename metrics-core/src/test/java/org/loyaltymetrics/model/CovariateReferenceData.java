package org.loyaltymetrics.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;

/**
 * The synthetic customer base of src/test/resources/covariates (see the README there) as CLVTools 0.12.1
 * reads it: weeks (days / 7), same-day purchases merged, calibration to 2023-12-31 inclusive.
 */
final class CovariateReferenceData {

    static final LocalDate CALIBRATION_END = LocalDate.of(2023, 12, 31);

    private static Map<Long, PurchaseHistory> histories;
    private static Map<Long, double[]> covariates;

    private CovariateReferenceData() {
    }

    /** Each customer's calibration history, by id (1..3000). */
    static synchronized Map<Long, PurchaseHistory> histories() {
        if (histories == null) {
            Map<Long, TreeSet<LocalDate>> days = new TreeMap<>();
            for (String[] row : rows("transactions.csv")) {
                days.computeIfAbsent(Long.parseLong(row[0]), id -> new TreeSet<>()).add(LocalDate.parse(row[1]));
            }
            Map<Long, PurchaseHistory> result = new TreeMap<>();
            days.forEach((id, dates) -> {
                LocalDate first = dates.first();
                long x = 0;
                LocalDate last = first;
                for (LocalDate date : dates) {
                    if (date.isAfter(first) && !date.isAfter(CALIBRATION_END)) {
                        x++;
                        last = date;
                    }
                }
                double recency = ChronoUnit.DAYS.between(first, last) / 7.0;
                double age = ChronoUnit.DAYS.between(first, CALIBRATION_END) / 7.0;
                result.put(id, new PurchaseHistory(x, recency, age, ChronoUnit.WEEKS));
            });
            histories = result;
        }
        return histories;
    }

    /** All customers' histories. */
    static PurchaseHistories all() {
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        histories().values().forEach(accumulator::add);
        return accumulator.snapshot();
    }

    /** gender, channel, age_std of each customer, by id. */
    static synchronized Map<Long, double[]> covariates() {
        if (covariates == null) {
            Map<Long, double[]> result = new TreeMap<>();
            for (String[] row : rows("static.csv")) {
                result.put(Long.parseLong(row[0]), new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2]),
                    Double.parseDouble(row[3])});
            }
            covariates = result;
        }
        return covariates;
    }

    private static List<String[]> rows(String name) {
        try (InputStream in = CovariateReferenceData.class.getResourceAsStream("/covariates/" + name);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
