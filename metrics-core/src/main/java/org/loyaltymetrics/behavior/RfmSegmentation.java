package org.loyaltymetrics.behavior;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.stats.Proportion;

/**
 * RFM segmentation of the customers of an {@link RfmSummary}: quintile scores 1–5 on recency,
 * frequency and monetary value, and a named {@link RfmSegment} from the R and F scores.
 *
 * <p>The three dimensions, each scored so that 5 is best:
 * <ul>
 *   <li>R: the days from the last purchase to the end of the calibration period, T − t<sub>x</sub>
 *       (fewer is better). Note that the RFM summary's "recency" t<sub>x</sub> is the literature's
 *       first-to-last time; the segmentation uses the marketing sense, time since the last purchase.</li>
 *   <li>F: the number of purchase days, x + 1.</li>
 *   <li>M: by {@link MonetaryBasis}, the total value of the customer's purchases (the default) or their
 *       mean value per purchase day; both are defined for every customer, unlike the summary's
 *       monetary value of repeat purchases.</li>
 * </ul>
 *
 * <p>Scores are quintiles with ties kept together: a customer's score is
 * 1 + ⌊5 · b / n⌋, where n is the number of customers and b the number of customers with a strictly
 * worse value. The worst value always scores 1, equal values always score alike, and the result does
 * not depend on the order of the customers; where many customers tie (most customers buy once), a
 * score may be empty.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RfmSegmentation {

    /** What the monetary score measures. */
    public enum MonetaryBasis {
        /** The total value of the customer's purchases in the calibration period. The default. */
        TOTAL_VALUE,
        /** The mean value of the customer's purchase days (all of them, the first included). */
        MEAN_PURCHASE_VALUE
    }

    /**
     * One customer's scores and segment.
     *
     * @param customerId the customer's id
     * @param recency R, 1..5
     * @param frequency F, 1..5
     * @param monetary M, 1..5
     * @param segment the segment of R and F
     */
    public record Scores(long customerId, int recency, int frequency, int monetary, RfmSegment segment) {

        /** Validates the scores. */
        public Scores {
            RfmSegment.checkScore(recency, "recency");
            RfmSegment.checkScore(frequency, "frequency");
            RfmSegment.checkScore(monetary, "monetary");
            Checks.notNull(segment, "segment");
        }

        /** The three scores as one code, e.g. "534". */
        public String code() {
            return "" + recency + frequency + monetary;
        }
    }

    private final MonetaryBasis basis;
    private final List<Scores> scores;
    private final Map<RfmSegment, Long> counts;

    private RfmSegmentation(MonetaryBasis basis, List<Scores> scores) {
        this.basis = basis;
        this.scores = scores;
        Map<RfmSegment, Long> tally = new EnumMap<>(RfmSegment.class);
        for (RfmSegment segment : RfmSegment.values()) {
            tally.put(segment, 0L);
        }
        scores.forEach(s -> tally.merge(s.segment(), 1L, Long::sum));
        this.counts = Collections.unmodifiableMap(tally);
    }

    /** The segmentation of {@code summary} with the monetary score on total value. */
    public static RfmSegmentation of(RfmSummary summary) {
        return of(summary, MonetaryBasis.TOTAL_VALUE);
    }

    /** The segmentation of {@code summary} with the monetary score on {@code basis}. */
    public static RfmSegmentation of(RfmSummary summary, MonetaryBasis basis) {
        Checks.notNull(summary, "summary");
        Checks.notNull(basis, "basis");
        List<RfmSummary.Customer> rows = summary.customers();
        int n = rows.size();
        int[] r = quintiles(n, i -> -(double) (rows.get(i).ageDays() - rows.get(i).recencyDays()));
        int[] f = quintiles(n, i -> rows.get(i).frequency());
        int[] m = quintiles(n, i -> basis == MonetaryBasis.TOTAL_VALUE ? (double) rows.get(i).totalValue().minorUnits()
                : (double) rows.get(i).totalValue().minorUnits() / rows.get(i).purchases());
        Scores[] scores = new Scores[n];
        for (int i = 0; i < n; i++) {
            scores[i] = new Scores(rows.get(i).customerId(), r[i], f[i], m[i], RfmSegment.of(r[i], f[i]));
        }
        return new RfmSegmentation(basis, List.of(scores));
    }

    /**
     * A collector of {@link Transaction}s in {@code currency} into the segmentation of the observation
     * ending on {@code end}.
     */
    public static Collector<Transaction, ?, RfmSegmentation> collector(CurrencyUnit currency, LocalDate end) {
        return Collectors.collectingAndThen(RfmSummary.collector(currency, end), RfmSegmentation::of);
    }

    /** Scores 1 + ⌊5 b / n⌋ with b the number of strictly smaller values (higher is better). */
    static int[] quintiles(int n, IntToDoubleFunction valueOf) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = valueOf.applyAsDouble(i);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int[] scores = new int[n];
        for (int i = 0; i < n; i++) {
            long below = lowerBound(sorted, values[i]);
            scores[i] = 1 + (int) (5 * below / n);
        }
        return scores;
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** What the monetary score measures. */
    public MonetaryBasis basis() {
        return basis;
    }

    /** Every customer's scores, by ascending customer id. */
    public List<Scores> scores() {
        return scores;
    }

    /**
     * The scores of {@code customerId}.
     *
     * @throws IllegalArgumentException if the customer is not in the segmentation
     */
    public Scores scores(long customerId) {
        int low = 0;
        int high = scores.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long id = scores.get(mid).customerId();
            if (id == customerId) {
                return scores.get(mid);
            }
            if (id < customerId) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        throw new IllegalArgumentException("customerId must be a customer of the segmentation, was " + customerId);
    }

    /** The number of customers. */
    public int size() {
        return scores.size();
    }

    /** The number of customers in each segment (every segment present, possibly 0). */
    public Map<RfmSegment, Long> counts() {
        return counts;
    }

    /** The customers of {@code segment} as a share of all customers. */
    public Proportion share(RfmSegment segment) {
        return Proportion.of(counts.get(Checks.notNull(segment, "segment")), scores.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RfmSegmentation && ((RfmSegmentation) o).basis == basis
                && ((RfmSegmentation) o).scores.equals(scores);
    }

    @Override
    public int hashCode() {
        return 31 * basis.hashCode() + scores.hashCode();
    }

    /** A grid of the segments: customers and share of all customers. */
    @Override
    public String toString() {
        TextTable table = new TextTable("segment", "customers", "share");
        counts.forEach((segment, count) -> table.row(segment.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                count, scores.isEmpty() ? "-" : Formatting.percent((double) count / scores.size())));
        return "RFM segmentation of " + scores.size() + " customers (M on " + basis.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ")\n" + table;
    }
}
