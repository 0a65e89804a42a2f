package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.stats.Proportion;

/**
 * The share of customers who moved to a higher-value plan, the subscription form of upselling
 * (the telecom KPI guide: customers who choose a higher subscription or add-on than the one they bought
 * before): customers who, on a day after their first, took a plan of higher value than their
 * starting plan / customers with a plan. The starting plan is the highest-valued plan of the
 * customer's first day; a later move down and up again counts once. Plan values are any
 * non-negative {@code long} measure of value, typically the plan's price per period in minor units.
 *
 * <p>A customer whose plans were worth 10, then 5, then 20 moved up; one with 10 then 10 did not.
 *
 * <p>The rate counts distinct customers, so two rates cannot be merged: a snapshot no longer knows
 * who was counted, and a customer seen in two parts (their first plan in one, the higher plan in the
 * other) would be counted twice or missed. Merge {@link Accumulator}s instead, which keep each
 * customer's plans and combine exactly.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PlanUpgradeRate extends ProportionRate<PlanUpgradeRate> {

    private PlanUpgradeRate(Proportion proportion) {
        super(proportion);
    }

    /**
     * The rate of {@code upgradedCustomers} of {@code customers}.
     *
     * @throws InvalidArgumentException unless 0 &lt;= upgradedCustomers &lt;= customers
     */
    public static PlanUpgradeRate ofCounts(long upgradedCustomers, long customers) {
        return new PlanUpgradeRate(Proportion.of(upgradedCustomers, customers));
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of records, reading each one's customer id, date and plan value. */
    public static <T> Collector<T, ?, PlanUpgradeRate> collector(ToLongFunction<? super T> customerOf,
            Function<? super T, LocalDate> dateOf, ToLongFunction<? super T> planValueOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(planValueOf, "planValueOf");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new,
                (acc, t) -> acc.add(customerOf.applyAsLong(t), dateOf.apply(t), planValueOf.applyAsLong(t)));
    }

    /** Customers with a plan. */
    public long customers() {
        return proportion().trials();
    }

    /** Customers who moved to a higher-value plan. */
    public long upgradedCustomers() {
        return proportion().successes();
    }

    /** Reads, e.g., {@code "plan upgrade rate 12/80 (15.00%)"}. */
    @Override
    public String toString() {
        return "plan upgrade rate " + proportion();
    }

    /**
     * A mutable accumulator of plan records (customer, day, plan value) in any order. Per customer it
     * keeps the first day, the highest value on that day and the highest value on any later day,
     * which decides the move exactly whatever the order; a record of a known customer allocates
     * nothing except when a table grows; accumulators combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, PlanUpgradeRate> {

        private static final long serialVersionUID = 1L;

        private final LongIndex customers = new LongIndex();
        private int[] firstDay = new int[16];
        private long[] firstDayMax = new long[16];
        private long[] laterMax = new long[16];

        Accumulator() {
        }

        /**
         * Adds that {@code customerId} had a plan worth {@code planValue} on {@code date}.
         *
         * @throws InvalidArgumentException if the plan value is negative
         */
        public Accumulator add(long customerId, LocalDate date, long planValue) {
            int day = Checks.epochDay(date, "date");
            if (planValue < 0) {
                throw InvalidArgumentException.of("planValue", ">= 0", planValue);
            }
            merge(customerId, day, planValue, Long.MIN_VALUE);
            return this;
        }

        private void merge(long customerId, int day, long dayMax, long later) {
            int known = customers.size();
            int i = customers.add(customerId);
            if (i == known) {
                if (i == firstDay.length) {
                    firstDay = Arrays.copyOf(firstDay, 2 * i);
                    firstDayMax = Arrays.copyOf(firstDayMax, 2 * i);
                    laterMax = Arrays.copyOf(laterMax, 2 * i);
                }
                firstDay[i] = day;
                firstDayMax[i] = dayMax;
                laterMax[i] = later;
            } else if (day < firstDay[i]) {
                laterMax[i] = Math.max(later, Math.max(laterMax[i], firstDayMax[i]));
                firstDay[i] = day;
                firstDayMax[i] = dayMax;
            } else if (day == firstDay[i]) {
                firstDayMax[i] = Math.max(firstDayMax[i], dayMax);
                laterMax[i] = Math.max(laterMax[i], later);
            } else {
                laterMax[i] = Math.max(laterMax[i], Math.max(dayMax, later));
            }
        }

        /** Adds every record of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (int j = 0; j < other.customers.size(); j++) {
                merge(other.customers.key(j), other.firstDay[j], other.firstDayMax[j], other.laterMax[j]);
            }
            return this;
        }

        /** The rate of the records added so far. */
        @Override
        public PlanUpgradeRate snapshot() {
            return new PlanUpgradeRate(Proportion.of(upgraded(), customers.size()));
        }

        private long upgraded() {
            long upgraded = 0;
            for (int i = 0; i < customers.size(); i++) {
                if (laterMax[i] > firstDayMax[i]) {
                    upgraded++;
                }
            }
            return upgraded;
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.PlanUpgradeRate.Accumulator"}, version 1:
         * the number of customers, then for each customer by ascending id: the id and the epoch day of their first
         * record (zigzag varints), the highest plan value on that day (a varint) and the highest plan value on a
         * later day (a zigzag varint, -1 if none).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.PlanUpgradeRate.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCount(out, value.customers.size());
            for (int i : value.customers.indexesByKey()) {
                BinaryFields.writeSigned(out, value.customers.key(i));
                BinaryFields.writeSigned(out, value.firstDay[i]);
                BinaryFields.writeCount(out, value.firstDayMax[i]);
                BinaryFields.writeSigned(out, value.laterMax[i] == Long.MIN_VALUE ? -1 : value.laterMax[i]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                int day = (int) BinaryFields.readDate(in).toEpochDay();
                long dayMax = BinaryFields.readCount(in);
                long later = BinaryFields.readSigned(in);
                BinaryFields.checkField(later >= -1, "a plan value >= 0, or -1 for none", later);
                read.merge(id, day, dayMax, later == -1 ? Long.MIN_VALUE : later);
            }
            return read;
        }

        /** Reads, e.g., {@code "PlanUpgradeRate.Accumulator: 12 of 80 customers moved up"}. */
        @Override
        public String toString() {
            return "PlanUpgradeRate.Accumulator: " + upgraded() + " of " + customers.size() + " customers moved up";
        }
    }
}
