package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Proportion;

/**
 * The customer journey funnel of article 001: the customers who reached each {@link JourneyStage}
 * (awareness, consideration, purchase, retention, advocacy), the stage-to-stage conversion (customers
 * at a stage / customers at the stage before) and the overall conversion (customers at a stage /
 * customers at awareness), each a {@link Proportion} with a Wilson interval.
 *
 * <p>Counts never grow along the funnel: a customer who reached a stage passed the earlier ones, and
 * is counted at each. 1,000 aware, 400 considering, 100 buying, 60 retained and 15 advocates convert
 * 40 %, 25 %, 60 % and 25 % stage to stage, and 1.5 % overall to advocacy.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerJourneyFunnel {

    private static final JourneyStage[] STAGES = JourneyStage.values();

    private final long[] counts;

    private CustomerJourneyFunnel(long[] counts) {
        this.counts = counts;
    }

    /**
     * The funnel of the customers who reached each stage, awareness first.
     *
     * @throws IllegalArgumentException if there is not one count per stage, a count is negative, or a
     *     count exceeds the count of the stage before
     */
    public static CustomerJourneyFunnel ofCounts(long... customersPerStage) {
        Checks.notNull(customersPerStage, "customersPerStage");
        if (customersPerStage.length != STAGES.length) {
            throw new IllegalArgumentException("customersPerStage must have one count per stage (" + STAGES.length
                    + "), had " + customersPerStage.length);
        }
        for (int s = 0; s < STAGES.length; s++) {
            Checks.count(customersPerStage[s], "customers at " + STAGES[s]);
            if (s > 0 && customersPerStage[s] > customersPerStage[s - 1]) {
                throw new IllegalArgumentException("customers at " + STAGES[s] + " must be <= customers at "
                        + STAGES[s - 1] + " " + customersPerStage[s - 1] + ", was " + customersPerStage[s]);
            }
        }
        return new CustomerJourneyFunnel(customersPerStage.clone());
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of records, reading each one's customer id and the stage it shows the customer reached. */
    public static <T> Collector<T, ?, CustomerJourneyFunnel> collector(ToLongFunction<? super T> customerOf,
            Function<? super T, JourneyStage> stageOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(stageOf, "stageOf");
        return Collector.of(Accumulator::new, (acc, t) -> acc.add(customerOf.applyAsLong(t), stageOf.apply(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The customers who reached {@code stage}. */
    public long customers(JourneyStage stage) {
        return counts[Checks.notNull(stage, "stage").ordinal()];
    }

    /**
     * The conversion into {@code stage} from the stage before: customers at {@code stage} / customers
     * at the stage before.
     *
     * @throws IllegalArgumentException if {@code stage} is {@link JourneyStage#AWARENESS}, the first
     */
    public Proportion conversion(JourneyStage stage) {
        int s = Checks.notNull(stage, "stage").ordinal();
        if (s == 0) {
            throw new IllegalArgumentException("stage must be after AWARENESS, was " + stage);
        }
        return Proportion.of(counts[s], counts[s - 1]);
    }

    /** The overall conversion to {@code stage}: customers at {@code stage} / customers at awareness. */
    public Proportion overallConversion(JourneyStage stage) {
        return Proportion.of(customers(stage), counts[0]);
    }

    /**
     * The Wilson interval of the conversion into {@code stage}.
     *
     * @throws UndefinedResultException if no customer reached the stage before
     */
    public ConfidenceInterval conversionInterval(JourneyStage stage, double confidence) {
        return conversion(stage).confidenceInterval(confidence);
    }

    /** The funnel of both: counts added stage by stage. */
    public CustomerJourneyFunnel plus(CustomerJourneyFunnel other) {
        Checks.notNull(other, "other");
        long[] sum = new long[STAGES.length];
        for (int s = 0; s < sum.length; s++) {
            sum[s] = Checks.addCounts(counts[s], other.counts[s], "customers at " + STAGES[s]);
        }
        return new CustomerJourneyFunnel(sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerJourneyFunnel && Arrays.equals(((CustomerJourneyFunnel) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    /** A grid of the stages: customers, conversion from the stage before with its 95 % interval, overall conversion. */
    @Override
    public String toString() {
        TextTable table = new TextTable("stage", "customers", "conversion", "95% low", "95% high", "overall");
        for (JourneyStage stage : STAGES) {
            if (stage == JourneyStage.AWARENESS) {
                table.row("awareness", counts[0], "-", "-", "-", TextTable.figure(() -> overallConversion(stage).value()));
            } else {
                table.row(stage.name().toLowerCase(java.util.Locale.ROOT), counts[stage.ordinal()],
                        TextTable.figure(() -> conversion(stage).value()),
                        TextTable.figure(() -> conversionInterval(stage, 0.95).low()),
                        TextTable.figure(() -> conversionInterval(stage, 0.95).high()),
                        TextTable.figure(() -> overallConversion(stage).value()));
            }
        }
        return table.toString();
    }

    /**
     * A mutable accumulator of stage records (a customer reached a stage), in any order: each customer
     * counts once, at the furthest stage recorded, and at every stage before it. A record of a known
     * customer allocates nothing except when a table grows; accumulators combine exactly. Not
     * thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final LongIndex customers = new LongIndex();
        private byte[] furthest = new byte[16];

        Accumulator() {
        }

        /** Adds that {@code customerId} reached {@code stage}. */
        public Accumulator add(long customerId, JourneyStage stage) {
            reach(customerId, Checks.notNull(stage, "stage").ordinal());
            return this;
        }

        private void reach(long customerId, int stage) {
            int known = customers.size();
            int i = customers.add(customerId);
            if (i == furthest.length) {
                furthest = Arrays.copyOf(furthest, 2 * i);
            }
            furthest[i] = (byte) (i == known ? stage : Math.max(furthest[i], stage));
        }

        /** Adds every record of {@code other} ({@code other} is left unchanged). */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (int j = 0; j < other.customers.size(); j++) {
                reach(other.customers.key(j), other.furthest[j]);
            }
            return this;
        }

        /** The funnel of the records added so far. */
        public CustomerJourneyFunnel snapshot() {
            long[] counts = new long[STAGES.length];
            for (int i = 0; i < customers.size(); i++) {
                for (int s = 0; s <= furthest[i]; s++) {
                    counts[s]++;
                }
            }
            return new CustomerJourneyFunnel(counts);
        }
    }
}
