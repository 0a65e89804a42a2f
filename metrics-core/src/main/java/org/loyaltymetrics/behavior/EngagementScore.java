package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongIndex;

/**
 * The customer engagement score: a weighted composite of normalised engagement components (article
 * 000: active time, time on the platform, level of use, core actions; article 003: e-mail opens, site
 * visits, social interactions), on 0..100 per customer.
 *
 * <p>Each component amount x of a customer is normalised to its mid-distribution percentile among the
 * n customers, F(x) = (b + e/2) / n, where b customers have less than x and e customers (the customer
 * included) have exactly x: a unit-free figure in (0, 1) that outliers do not squash and that treats
 * ties alike. The score is 100 × Σ w<sub>c</sub> F<sub>c</sub> / Σ w<sub>c</sub> with the weights of
 * {@link EngagementWeights} (equal by default). A customer with no record of a component has the
 * amount 0 for it. With two customers and one component, the one with more scores 75 and the other 25;
 * with one customer, every score is 50.
 *
 * <p>The score ranks customers within the data it was computed on; it is not comparable across
 * populations. Component totals are exact ({@code long}) and combine exactly.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EngagementScore {

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

    /** A new, empty accumulator with equal weights. */
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
        Checks.notNull(weights, "weights");
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(componentOf, "componentOf");
        Checks.notNull(amountOf, "amountOf");
        return Collector.of(() -> new Accumulator(weights),
                (acc, t) -> acc.add(customerOf.applyAsLong(t), componentOf.apply(t), amountOf.applyAsLong(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
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
     * @throws IllegalArgumentException if the customer has no activity record
     */
    public double score(long customerId) {
        return scores[row(customerId)];
    }

    /** The total amount of {@code component} for {@code customerId}. */
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
     * The mean score of the customers, on 0..100 (50 when the weights are what they are and customers
     * tie on every component).
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
            throw new IllegalArgumentException("customerId must be a customer with activity, was " + customerId);
        }
        return r;
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
     * A mutable accumulator of activity amounts per customer and component, in any order: a record of a
     * known customer allocates nothing except when a table grows; accumulators combine exactly. Not
     * thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

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
         * @throws IllegalArgumentException if the amount is negative
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
         * @throws IllegalArgumentException if the weights differ
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (!other.weights.equals(weights)) {
                throw new IllegalArgumentException("other must have the " + weights + ", had " + other.weights);
            }
            for (int j = 0; j < other.customers.size(); j++) {
                int i = customer(other.customers.key(j));
                for (int c = 0; c < COMPONENTS; c++) {
                    amounts[i * COMPONENTS + c] = Checks.addCounts(amounts[i * COMPONENTS + c],
                            other.amounts[j * COMPONENTS + c], "engagement amount");
                }
            }
            return this;
        }

        /** The scores of the activity added so far. */
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
    }
}
