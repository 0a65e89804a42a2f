package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The customer journey funnel of the loyalty and retention guide: the customers who reached each {@link JourneyStage}
 * (awareness, consideration, purchase, retention, advocacy), the stage-to-stage conversion (customers
 * at a stage / customers at the stage before) and the overall conversion (customers at a stage /
 * customers at awareness), each a {@link Proportion}: its interval is
 * {@code conversion(stage).confidenceInterval(confidence)} (Wilson), a change between two funnels
 * {@code later.conversion(stage).differenceFrom(earlier.conversion(stage))}.
 *
 * <p>Counts never grow along the funnel: a customer who reached a stage passed the earlier ones, and
 * is counted at each. 1,000 aware, 400 considering, 100 buying, 60 retained and 15 advocates convert
 * 40 %, 25 %, 60 % and 25 % stage to stage, and 1.5 % overall to advocacy. {@link #toTable()} gives
 * the grid of stages.
 *
 * <p>The counts are of distinct customers, so two funnels cannot be merged: a snapshot no longer
 * knows who was counted, and a customer who was aware in one part and bought in the other would
 * count twice at awareness. Merge {@link Accumulator}s instead, which keep each customer's furthest
 * stage and combine exactly.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerJourneyFunnel implements Tabular {

    private static final JourneyStage[] STAGES = JourneyStage.values();

    private final long[] counts;

    private CustomerJourneyFunnel(long[] counts) {
        this.counts = counts;
    }

    /**
     * The funnel of the customers who reached each stage, awareness first.
     *
     * @throws InvalidArgumentException if there is not one count per stage, a count is negative, or a
     *     count exceeds the count of the stage before
     */
    public static CustomerJourneyFunnel ofCounts(long... customersPerStage) {
        Checks.notNull(customersPerStage, "customersPerStage");
        if (customersPerStage.length != STAGES.length) {
            throw new InvalidArgumentException("customersPerStage", "customersPerStage must have one count per stage ("
                    + STAGES.length + "), had " + customersPerStage.length);
        }
        for (int s = 0; s < STAGES.length; s++) {
            long count = customersPerStage[s];
            if (count < 0) {
                throw new InvalidArgumentException("customersPerStage", "customers at " + STAGES[s]
                        + " must be a count >= 0, was " + count);
            }
            if (s > 0 && count > customersPerStage[s - 1]) {
                throw new InvalidArgumentException("customersPerStage", "customers at " + STAGES[s]
                        + " must be <= customers at " + STAGES[s - 1] + " " + customersPerStage[s - 1] + ", was " + count);
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
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new,
                (acc, t) -> acc.add(customerOf.applyAsLong(t), stageOf.apply(t)));
    }

    /** The customers who reached {@code stage}. */
    public long customers(JourneyStage stage) {
        return counts[Checks.notNull(stage, "stage").ordinal()];
    }

    /**
     * The conversion into {@code stage} from the stage before: customers at {@code stage} / customers
     * at the stage before, with its Wilson interval and two-proportion test.
     *
     * @throws InvalidArgumentException if {@code stage} is {@link JourneyStage#AWARENESS}, the first
     */
    public Proportion conversion(JourneyStage stage) {
        int s = Checks.notNull(stage, "stage").ordinal();
        if (s == 0) {
            throw InvalidArgumentException.of("stage", "after AWARENESS", stage);
        }
        return Proportion.of(counts[s], counts[s - 1]);
    }

    /** The overall conversion to {@code stage}: customers at {@code stage} / customers at awareness. */
    public Proportion overallConversion(JourneyStage stage) {
        return Proportion.of(customers(stage), counts[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerJourneyFunnel && Arrays.equals(((CustomerJourneyFunnel) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    /**
     * Reads, e.g., {@code "customer journey funnel: awareness 1000, consideration 400, purchase 100,
     * retention 60, advocacy 15"}; {@link #toTable()} gives the conversions.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("customer journey funnel: ");
        for (JourneyStage stage : STAGES) {
            text.append(stage.ordinal() == 0 ? "" : ", ").append(name(stage)).append(' ').append(counts[stage.ordinal()]);
        }
        return text.toString();
    }

    /** The grid of {@link #toTable(double)} at 95 %. */
    @Override
    public Table toTable() {
        return toTable(0.95);
    }

    /**
     * The grid of the stages: customers, the conversion from the stage before with its Wilson interval
     * at {@code confidence}, the overall conversion; a conversion from a stage nobody reached is
     * undefined (a {@code null} cell).
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     */
    public Table toTable(double confidence) {
        Checks.confidence(confidence);
        String level = Formatting.confidence(confidence);
        Table.Builder table = Table.builder().title("Customer journey funnel").column("stage").numberColumn("customers")
                .numberColumn("conversion").numberColumn(level + " low").numberColumn(level + " high")
                .numberColumn("overall");
        for (JourneyStage stage : STAGES) {
            Proportion overall = overallConversion(stage);
            String overallText = overall.isEmpty() ? null : Formatting.decimal(overall.value(), 4);
            Proportion conversion = stage == JourneyStage.AWARENESS ? null : conversion(stage);
            if (conversion == null || conversion.isEmpty()) {
                table.row(name(stage), counts[stage.ordinal()], null, null, null, overallText);
            } else {
                ConfidenceInterval interval = conversion.confidenceInterval(confidence);
                table.row(name(stage), counts[stage.ordinal()], Formatting.decimal(conversion.value(), 4),
                        Formatting.decimal(interval.low(), 4), Formatting.decimal(interval.high(), 4), overallText);
            }
        }
        return table.build();
    }

    private static String name(JourneyStage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A mutable accumulator of stage records (a customer reached a stage), in any order: each customer
     * counts once, at the furthest stage recorded, and at every stage before it. A record of a known
     * customer allocates nothing except when a table grows; accumulators combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, CustomerJourneyFunnel> {

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
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (int j = 0; j < other.customers.size(); j++) {
                reach(other.customers.key(j), other.furthest[j]);
            }
            return this;
        }

        /** The funnel of the records added so far. */
        @Override
        public CustomerJourneyFunnel snapshot() {
            long[] counts = new long[STAGES.length];
            for (int i = 0; i < customers.size(); i++) {
                for (int s = 0; s <= furthest[i]; s++) {
                    counts[s]++;
                }
            }
            return new CustomerJourneyFunnel(counts);
        }

        /** The stages in the order of their codes in the binary form (a list only ever extended at its end). */
        private static final List<JourneyStage> STAGE_CODES = List.of(JourneyStage.AWARENESS,
                JourneyStage.CONSIDERATION, JourneyStage.PURCHASE, JourneyStage.RETENTION, JourneyStage.ADVOCACY);

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.CustomerJourneyFunnel.Accumulator"},
         * version 1: the number of customers, then for each customer by ascending id the id (a zigzag varint) and
         * the furthest stage reached, one byte: 0 awareness, 1 consideration, 2 purchase, 3 retention, 4 advocacy.
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.CustomerJourneyFunnel.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCount(out, value.customers.size());
            for (int i : value.customers.indexesByKey()) {
                BinaryFields.writeSigned(out, value.customers.key(i));
                BinaryFields.writeCode(out, STAGES[value.furthest[i]], STAGE_CODES);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                read.reach(id, BinaryFields.readCode(in, STAGE_CODES).ordinal());
            }
            return read;
        }

        /** Reads, e.g., {@code "CustomerJourneyFunnel.Accumulator: 1000 customers"}. */
        @Override
        public String toString() {
            return "CustomerJourneyFunnel.Accumulator: " + customers.size() + " customers";
        }
    }
}
