package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The customer engagement score: a weighted composite of normalised engagement components (the
 * telecom KPI guide: active time, time on the platform, level of use, core actions; the customer-experience metrics
 * guide: e-mail opens, site visits, social interactions), on 0..100 per customer.
 *
 * <p>Each component amount x of a customer is normalised to its mid-distribution percentile among the
 * n customers, F(x) = (b + e/2) / n, where b customers have less than x and e customers (the customer
 * included) have exactly x: a unit-free figure in (0, 1) that outliers do not squash and that treats
 * ties alike. The score is 100 × Σ w<sub>c</sub> F<sub>c</sub> / Σ w<sub>c</sub> with the weights of
 * {@link EngagementWeights} (equal by default). A customer with no record of a component has the
 * amount 0 for it. With two customers and one component, the one with more scores 75 and the other 25;
 * with one customer, every score is 50.
 *
 * <p><b>Headline and uncertainty.</b> The figure is each customer's {@link #score(long) score}, a
 * rank: it places a customer among the customers it was computed on and is not comparable across
 * populations. There is no population headline to put an interval on: the mean score is 50 by
 * construction (the mid-distribution percentiles of n customers sum to n/2 on every component, ties
 * or not), whatever the engagement, so {@link #meanScore()} is a check of the normalisation, not a
 * measure, and this class is not a {@link org.loyaltymetrics.stats.Measure}. A customer's score is a
 * function of everyone's amounts, not an estimate of a quantity with a sampling error. To follow
 * engagement over time, follow the component totals ({@link #total(EngagementComponent)}) or a rate
 * such as {@link Stickiness} or {@link EmailOpenRate}, which are measures.
 *
 * <p>Component amounts are exact ({@code long}) sufficient statistics: scores of the same weights
 * merge with {@link #plus(EngagementScore)} (amounts added per customer, then every score recomputed),
 * accumulators with {@link Accumulator#combine(Accumulator)}. {@link #toTable()} lists the customers.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EngagementScore implements Tabular {

    private static final int COMPONENTS = EngagementComponent.values().length;

    private final EngagementWeights weights;
    private final long[] ids;
    private final long[] amounts;
    private final double[] scores;

    private EngagementScore(EngagementWeights weights, long[] ids, long[] amounts) {
        this.weights = weights;
        this.ids = ids;
        this.amounts = amounts;
        int n = ids.length;
        this.scores = new double[n];
        double total = weights.sum();
        for (EngagementComponent component : EngagementComponent.values()) {
            double weight = weights.weight(component);
            if (weight == 0) {
                continue;
            }
            int c = component.ordinal();
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = amounts[i * COMPONENTS + c];
            }
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                long x = amounts[i * COMPONENTS + c];
                int below = bound(sorted, x, false);
                int equal = bound(sorted, x, true) - below;
                scores[i] += weight * (below + equal / 2.0) / n;
            }
        }
        for (int i = 0; i < n; i++) {
            scores[i] = 100.0 * scores[i] / total;
        }
    }

    /** The first index whose value is &gt;= x (or &gt; x when {@code strict}). */
    private static int bound(long[] sorted, long x, boolean strict) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < x || (strict && sorted[mid] == x)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** A new, empty accumulator with {@link EngagementWeights#EQUAL equal weights}. */
    public static Accumulator accumulator() {
        return new Accumulator(EngagementWeights.EQUAL);
    }

    /** A new, empty accumulator with {@code weights}. */
    public static Accumulator accumulator(EngagementWeights weights) {
        return new Accumulator(weights);
    }

    /** A collector of activity records, reading each one's customer id, component and amount. */
    public static <T> Collector<T, ?, EngagementScore> collector(EngagementWeights weights,
            ToLongFunction<? super T> customerOf, Function<? super T, EngagementComponent> componentOf,
            ToLongFunction<? super T> amountOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(componentOf, "componentOf");
        Checks.notNull(amountOf, "amountOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(weights),
                (acc, t) -> acc.add(customerOf.applyAsLong(t), componentOf.apply(t), amountOf.applyAsLong(t)));
    }

    /** The weights. */
    public EngagementWeights weights() {
        return weights;
    }

    /** The number of customers. */
    public int customers() {
        return ids.length;
    }

    /** The customer ids, ascending (a copy). */
    public long[] customerIds() {
        return ids.clone();
    }

    /**
     * The score of {@code customerId}, on 0..100.
     *
     * @throws InvalidArgumentException if the customer has no activity record
     */
    public double score(long customerId) {
        return scores[row(customerId)];
    }

    /**
     * The total amount of {@code component} for {@code customerId}.
     *
     * @throws InvalidArgumentException if the customer has no activity record
     */
    public long amount(long customerId, EngagementComponent component) {
        return amounts[row(customerId) * COMPONENTS + Checks.notNull(component, "component").ordinal()];
    }

    /** The total amount of {@code component} over all customers. */
    public long total(EngagementComponent component) {
        int c = Checks.notNull(component, "component").ordinal();
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            sum = Math.addExact(sum, amounts[i * COMPONENTS + c]);
        }
        return sum;
    }

    /**
     * The mean score of the customers: 50 by construction (up to rounding), whatever the amounts and
     * weights, since the mid-distribution percentiles of n customers sum to n/2 on every component; a
     * check of the normalisation, not a figure of engagement (see the class comment).
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double meanScore() {
        if (ids.length == 0) {
            throw new UndefinedResultException("the mean engagement score is undefined: no customers");
        }
        double sum = 0;
        for (double score : scores) {
            sum += score;
        }
        return sum / ids.length;
    }

    private int row(long customerId) {
        int r = Arrays.binarySearch(ids, customerId);
        if (r < 0) {
            throw InvalidArgumentException.of("customerId", "a customer with activity", customerId);
        }
        return r;
    }

    /**
     * The scores of the customers of both: amounts added per customer and component, every score
     * recomputed over all the customers.
     *
     * @throws InvalidArgumentException if {@code other} has other weights
     * @throws ArithmeticException if an amount overflows
     */
    public EngagementScore plus(EngagementScore other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(weights, other.weights, "other", "weights");
        Accumulator sum = new Accumulator(weights);
        for (EngagementScore score : new EngagementScore[] {this, other}) {
            for (int r = 0; r < score.ids.length; r++) {
                sum.addRow(score.ids[r], score.amounts, r * COMPONENTS);
            }
        }
        return sum.snapshot();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngagementScore && ((EngagementScore) o).weights.equals(weights)
                && Arrays.equals(((EngagementScore) o).ids, ids) && Arrays.equals(((EngagementScore) o).amounts, amounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weights, Arrays.hashCode(ids), Arrays.hashCode(amounts));
    }

    /** Reads, e.g., {@code "engagement score of 120 customers, mean 50.00 (0..100), equal weights"}. */
    @Override
    public String toString() {
        return "engagement score of " + ids.length + " customers"
                + (ids.length == 0 ? "" : ", mean " + Formatting.decimal(meanScore(), 2) + " (0..100)")
                + (weights.equals(EngagementWeights.EQUAL) ? ", equal weights" : ", " + weights);
    }

    /**
     * The customers by ascending id: their score (two decimals) and their amount of each component
     * whose weight is not 0.
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Engagement scores (0..100)").numberColumn("customer")
                .numberColumn("score");
        EngagementComponent[] weighted = Arrays.stream(EngagementComponent.values())
                .filter(c -> weights.weight(c) > 0).toArray(EngagementComponent[]::new);
        for (EngagementComponent component : weighted) {
            table.numberColumn(component.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        for (int r = 0; r < ids.length; r++) {
            Object[] row = new Object[2 + weighted.length];
            row[0] = ids[r];
            row[1] = Formatting.decimal(scores[r], 2);
            for (int c = 0; c < weighted.length; c++) {
                row[2 + c] = amounts[r * COMPONENTS + weighted[c].ordinal()];
            }
            table.row(row);
        }
        return table.build();
    }

    /**
     * A mutable accumulator of activity amounts per customer and component, in any order: a record of a
     * known customer allocates nothing except when a table grows; accumulators of the same weights
     * combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, EngagementScore> {

        private static final long serialVersionUID = 1L;

        private final EngagementWeights weights;
        private final LongIndex customers = new LongIndex();
        private long[] amounts = new long[16 * COMPONENTS];

        Accumulator(EngagementWeights weights) {
            this.weights = Checks.notNull(weights, "weights");
        }

        /**
         * Adds {@code amount} of {@code component} to {@code customerId}'s total.
         *
         * @throws InvalidArgumentException if the amount is negative
         * @throws ArithmeticException if the total overflows (nothing is added)
         */
        public Accumulator add(long customerId, EngagementComponent component, long amount) {
            Checks.notNull(component, "component");
            Checks.count(amount, "amount");
            int i = customer(customerId);
            int slot = i * COMPONENTS + component.ordinal();
            amounts[slot] = Checks.addCounts(amounts[slot], amount, "engagement amount");
            return this;
        }

        private int customer(long customerId) {
            int i = customers.add(customerId);
            if ((i + 1) * COMPONENTS > amounts.length) {
                amounts = Arrays.copyOf(amounts, amounts.length * 2);
            }
            return i;
        }

        /**
         * Adds every record of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if the weights differ
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(weights, other.weights, "other", "weights");
            for (int j = 0; j < other.customers.size(); j++) {
                addRow(other.customers.key(j), other.amounts, j * COMPONENTS);
            }
            return this;
        }

        /** Adds the {@code COMPONENTS} amounts of {@code from} starting at {@code offset} to {@code customerId}. */
        private void addRow(long customerId, long[] from, int offset) {
            int i = customer(customerId);
            for (int c = 0; c < COMPONENTS; c++) {
                amounts[i * COMPONENTS + c] = Checks.addCounts(amounts[i * COMPONENTS + c], from[offset + c],
                        "engagement amount");
            }
        }

        /** The scores of the activity added so far. */
        @Override
        public EngagementScore snapshot() {
            int[] order = customers.indexesByKey();
            long[] ids = new long[order.length];
            long[] sorted = new long[order.length * COMPONENTS];
            for (int r = 0; r < order.length; r++) {
                ids[r] = customers.key(order[r]);
                System.arraycopy(amounts, order[r] * COMPONENTS, sorted, r * COMPONENTS, COMPONENTS);
            }
            return new EngagementScore(weights, ids, sorted);
        }

        /** The components in the order of their codes in the binary form (a list only ever extended at its end). */
        private static final List<EngagementComponent> COMPONENT_CODES = List.of(EngagementComponent.ACTIVE_TIME,
                EngagementComponent.TIME_ON_PLATFORM, EngagementComponent.USAGE_LEVEL, EngagementComponent.CORE_ACTIONS,
                EngagementComponent.EMAIL_OPENS, EngagementComponent.SITE_VISITS,
                EngagementComponent.SOCIAL_INTERACTIONS);

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.EngagementScore.Accumulator"}, version 1:
         * the number of components (7), each component's weight (eight bytes), then the number of customers and
         * for each customer by ascending id the id (a zigzag varint) and its amount of each component (varints).
         * The components are in the order of their codes: 0 active time, 1 time on platform, 2 usage level,
         * 3 core actions, 4 email opens, 5 site visits, 6 social interactions.
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.EngagementScore.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCount(out, COMPONENT_CODES.size());
            for (EngagementComponent component : COMPONENT_CODES) {
                out.writeDouble(value.weights.weight(component));
            }
            BinaryFields.writeCount(out, value.customers.size());
            for (int i : value.customers.indexesByKey()) {
                BinaryFields.writeSigned(out, value.customers.key(i));
                for (EngagementComponent component : COMPONENT_CODES) {
                    BinaryFields.writeCount(out, value.amounts[i * COMPONENTS + component.ordinal()]);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            int components = BinaryFields.readLength(in, 255);
            BinaryFields.checkField(components == COMPONENT_CODES.size(), COMPONENT_CODES.size() + " components",
                    components);
            Map<EngagementComponent, Double> weights = new EnumMap<>(EngagementComponent.class);
            for (EngagementComponent component : COMPONENT_CODES) {
                weights.put(component, in.readDouble());
            }
            Accumulator read = new Accumulator(EngagementWeights.of(weights));
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long[] row = new long[COMPONENTS];
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                for (EngagementComponent component : COMPONENT_CODES) {
                    row[component.ordinal()] = BinaryFields.readCount(in);
                }
                read.addRow(id, row, 0);
            }
            return read;
        }

        /** Reads, e.g., {@code "EngagementScore.Accumulator: 120 customers, equal weights"}. */
        @Override
        public String toString() {
            return "EngagementScore.Accumulator: " + customers.size() + " customers, "
                    + (weights.equals(EngagementWeights.EQUAL) ? "equal weights" : weights.toString());
        }
    }
}
