package org.loyaltymetrics.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.loyaltymetrics.data.CohortSurvivors;

/**
 * The two segments of Fader &amp; Hardie (2007), "How to Project Customer Retention", Journal of Interactive
 * Marketing 21(1), Table 1 (survivors of 1,000 customers at the start of years 0..12), and the reference
 * values of {@code src/test/resources/models/contractual_cohorts_mpmath.csv}, made by
 * {@code contractual_cohorts_mpmath.py} there (40-digit mpmath, see its comment).
 */
final class CohortReference {

    /** The regular segment, as {@code fader_hardie_2007_regular.csv}. */
    static final long[] REGULAR = {1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173};
    /** The high-end segment (Fader &amp; Hardie 2007, Table 1; sBG on years 0..7: α = 0.668, β = 3.806). */
    static final long[] HIGH_END = {1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394};

    /** Years 0..7 of the regular segment. */
    static final long[] REGULAR_7 = Arrays.copyOf(REGULAR, 8);

    private static Map<String, Double> values;

    private CohortReference() {
    }

    /** The segment's survivors of years 0..{@code years}. */
    static CohortSurvivors regular(int years) {
        return CohortSurvivors.of(Arrays.copyOf(REGULAR, years + 1));
    }

    /** The high-end segment's survivors of years 0..{@code years}. */
    static CohortSurvivors highEnd(int years) {
        return CohortSurvivors.of(Arrays.copyOf(HIGH_END, years + 1));
    }

    /** The mpmath value named {@code name} (e.g. "bdw_regular_7_gamma"). */
    static synchronized double value(String name) {
        if (values == null) {
            Map<String, Double> read = new HashMap<>();
            try (InputStream in = CohortReference.class.getResourceAsStream("/models/contractual_cohorts_mpmath.csv");
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] cells = line.trim().split(",");
                    read.put(cells[0], Double.parseDouble(cells[1]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            values = read;
        }
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no reference value " + name);
        }
        return value;
    }
}
