package org.loyaltymetrics.behavior;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

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
 *   <li>M: by {@link Definition}, the total value of the customer's purchases (the
 *       {@link Definition#DEFAULT}) or their mean value per purchase day; both are defined for every
 *       customer, unlike the summary's monetary value of repeat purchases.</li>
 * </ul>
 *
 * <p>Scores are quintiles with ties kept together: a customer's score is
 * 1 + ⌊5 · b / n⌋, where n is the number of customers and b the number of customers with a strictly
 * worse value. The worst value always scores 1, equal values always score alike, and the result does
 * not depend on the order of the customers; where many customers tie (most customers buy once), a
 * score may be empty.
 *
 * <p>Each segment's {@link #share(RfmSegment) share} of the customers is a {@link Proportion}, with its
 * Wilson interval. {@link #toTable()} gives the segments with their customers and shares. A
 * segmentation is computed from a whole summary (quintiles rank every customer), so it has no
 * accumulator and two segmentations do not merge: merge the {@link RfmSummary} accumulators, then
 * segment.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RfmSegmentation implements Tabular {

    /** What the monetary score measures. */
    public enum Definition {
        /** The total value of the customer's purchases in the calibration period: the {@link #DEFAULT}. */
        TOTAL_VALUE,
        /** The mean value of the customer's purchase days (all of them, the first included). */
        MEAN_PURCHASE_VALUE;

        /**
         * The default, {@link #TOTAL_VALUE}: the "monetary" of RFM practice, what the customer spent in
         * all.
         */
        public static final Definition DEFAULT = TOTAL_VALUE;
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

    private final Definition definition;
    private final List<Scores> scores;
    private final Map<RfmSegment, Long> counts;

    private RfmSegmentation(Definition definition, List<Scores> scores) {
        this.definition = definition;
        this.scores = scores;
        Map<RfmSegment, Long> tally = new EnumMap<>(RfmSegment.class);
        for (RfmSegment segment : RfmSegment.values()) {
            tally.put(segment, 0L);
        }
        scores.forEach(s -> tally.merge(s.segment(), 1L, Long::sum));
        this.counts = Collections.unmodifiableMap(tally);
    }

    /** The segmentation of {@code summary} with the monetary score of the {@link Definition#DEFAULT default definition}. */
    public static RfmSegmentation of(RfmSummary summary) {
        return of(summary, Definition.DEFAULT);
    }

    /** The segmentation of {@code summary} with the monetary score under {@code definition}. */
    public static RfmSegmentation of(RfmSummary summary, Definition definition) {
        Checks.notNull(summary, "summary");
        Checks.notNull(definition, "definition");
        List<RfmSummary.Customer> rows = summary.customers();
        int n = rows.size();
        int[] r = quintiles(n, i -> -(double) (rows.get(i).ageDays() - rows.get(i).recencyDays()));
        int[] f = quintiles(n, i -> rows.get(i).frequency());
        int[] m = quintiles(n, i -> definition == Definition.TOTAL_VALUE ? (double) rows.get(i).totalValue().minorUnits()
                : (double) rows.get(i).totalValue().minorUnits() / rows.get(i).purchases());
        Scores[] scores = new Scores[n];
        for (int i = 0; i < n; i++) {
            scores[i] = new Scores(rows.get(i).customerId(), r[i], f[i], m[i], RfmSegment.of(r[i], f[i]));
        }
        return new RfmSegmentation(definition, List.of(scores));
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
    public Definition definition() {
        return definition;
    }

    /** Every customer's scores, by ascending customer id. */
    public List<Scores> scores() {
        return scores;
    }

    /**
     * The scores of {@code customerId}.
     *
     * @throws InvalidArgumentException if the customer is not in the segmentation
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
        throw InvalidArgumentException.of("customerId", "a customer of the segmentation", customerId);
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
        return o instanceof RfmSegmentation && ((RfmSegmentation) o).definition == definition
                && ((RfmSegmentation) o).scores.equals(scores);
    }

    @Override
    public int hashCode() {
        return 31 * definition.hashCode() + scores.hashCode();
    }

    /**
     * Reads, e.g., {@code "RFM segmentation of 5 customers (M on total value): 1 champions, 1 loyal
     * customers, 1 need attention, 2 hibernating"}, the non-empty segments in the order of
     * {@link RfmSegment}; {@link #toTable()} gives every segment with its share.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RFM segmentation of ").append(scores.size()).append(" customers (M on ")
                .append(name(definition)).append(')');
        String separator = ": ";
        for (Map.Entry<RfmSegment, Long> entry : counts.entrySet()) {
            if (entry.getValue() > 0) {
                text.append(separator).append(entry.getValue()).append(' ').append(name(entry.getKey()));
                separator = ", ";
            }
        }
        return text.toString();
    }

    /** The segments in the order of {@link RfmSegment}: customers and share of all customers (undefined without customers). */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("RFM segments of " + scores.size() + " customers (M on "
                + name(definition) + ")").column("segment").numberColumn("customers").numberColumn("share");
        counts.forEach((segment, count) -> table.row(name(segment), count,
                scores.isEmpty() ? null : Formatting.percent((double) count / scores.size())));
        return table.build();
    }

    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
