package org.loyaltymetrics.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.TimeVaryingCovariates;

/**
 * The 1,001 customers of CLVTools' dynamic-covariate fits (ids 1..1000 and 1914; see the README in
 * src/test/resources/covariates): their purchase dates and weekly covariates gender, channel, age_std (constant)
 * and marketing, in CLVTools' column order, joined with calibration end 2023-12-31 and prediction end 2024-12-29.
 */
final class DynamicCovariateReferenceData {

    static final LocalDate CALIBRATION_END = LocalDate.of(2023, 12, 31);
    static final LocalDate PREDICTION_END = LocalDate.of(2024, 12, 29);
    static final List<String> NAMES = List.of("gender", "channel", "age_std", "marketing");

    private static TimeVaryingCovariates.Joined joined;

    private DynamicCovariateReferenceData() {
    }

    static boolean inSubset(long id) {
        return id <= 1000 || id == 1914;
    }

    /** Each subset customer's purchase dates (all, holdout included), by id. */
    static Map<Long, List<LocalDate>> purchaseDates() {
        Map<Long, List<LocalDate>> dates = new TreeMap<>();
        for (String[] row : rows(CovariateReferenceData.class.getResourceAsStream("/covariates/transactions.csv"))) {
            long id = Long.parseLong(row[0]);
            if (inSubset(id)) {
                dates.computeIfAbsent(id, x -> new ArrayList<>()).add(LocalDate.parse(row[1]));
            }
        }
        return dates;
    }

    /** The weekly marketing covariate of the subset (dynamic-1001.csv.gz). */
    static TimeVaryingCovariates marketing() {
        TimeVaryingCovariates.Builder builder = TimeVaryingCovariates.weekly(List.of("marketing"));
        for (String[] row : dynamicRows()) {
            builder.add(Long.parseLong(row[0]), LocalDate.parse(row[1]), Double.parseDouble(row[2]));
        }
        return builder.build();
    }

    /** The static covariates of the subset. */
    static CustomerCovariates staticCovariates() {
        CustomerCovariates.Builder builder = CustomerCovariates.builder(List.of("gender", "channel", "age_std"));
        CovariateReferenceData.covariates().forEach((id, z) -> {
            if (inSubset(id)) {
                builder.add(id, z);
            }
        });
        return builder.build();
    }

    /** gender, channel, age_std, marketing per customer and week. */
    static TimeVaryingCovariates covariates() {
        Map<Long, double[]> z = CovariateReferenceData.covariates();
        TimeVaryingCovariates.Builder builder = TimeVaryingCovariates.weekly(NAMES);
        for (String[] row : dynamicRows()) {
            long id = Long.parseLong(row[0]);
            double[] s = z.get(id);
            builder.add(id, LocalDate.parse(row[1]), s[0], s[1], s[2], Double.parseDouble(row[2]));
        }
        return builder.build();
    }

    /** The subset joined with calibration and prediction ends. */
    static synchronized TimeVaryingCovariates.Joined joined() {
        if (joined == null) {
            joined = covariates().join(purchaseDates(), CALIBRATION_END, PREDICTION_END,
                    CustomerCovariates.MissingCovariates.REFUSE);
        }
        return joined;
    }

    private static List<String[]> dynamicRows() {
        try {
            return rows(new GZIPInputStream(
                    DynamicCovariateReferenceData.class.getResourceAsStream("/covariates/dynamic-1001.csv.gz")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> rows(InputStream stream) {
        try (InputStream in = stream;
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
