package org.loyaltymetrics.retention;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.time.Granularity;

/**
 * Recurring-revenue retention month by month: the {@link MrrMovements} of every month after the
 * first, from snapshots of each account's monthly recurring revenue (account id, month, amount). An
 * account without a row in a month has no revenue that month.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RevenueRetention {

    private static final long ABSENT = Long.MIN_VALUE;

    private final List<MrrMovements> months;

    private RevenueRetention(List<MrrMovements> months) {
        this.months = months;
    }

    /** A new, empty accumulator of MRR snapshots with amounts in cents (2 decimals). */
    public static Accumulator accumulator() {
        return accumulator(2);
    }

    /** A new, empty accumulator of MRR snapshots with amounts in minor units of {@code decimals} decimals. */
    public static Accumulator accumulator(int decimals) {
        return new Accumulator(decimals);
    }

    /** A collector of snapshots, reading each one's account, month and amount in minor units. */
    public static <T> Collector<T, ?, RevenueRetention> collector(int decimals, ToLongFunction<? super T> accountOf,
            Function<? super T, YearMonth> monthOf, ToLongFunction<? super T> amountOf) {
        Checks.notNull(accountOf, "accountOf");
        Checks.notNull(monthOf, "monthOf");
        Checks.notNull(amountOf, "amountOf");
        accumulator(decimals); // validates now rather than in the stream
        return Collector.of(() -> new Accumulator(decimals),
                (acc, t) -> acc.add(accountOf.applyAsLong(t), monthOf.apply(t), amountOf.applyAsLong(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The movements of every month after the first snapshot month, in time order. */
    public List<MrrMovements> months() {
        return months;
    }

    /**
     * The movements of {@code month}.
     *
     * @throws IllegalArgumentException if the month is not after the first snapshot month and up to
     *     the last
     */
    public MrrMovements get(YearMonth month) {
        Checks.notNull(month, "month");
        for (MrrMovements movements : months) {
            if (movements.month().equals(month)) {
                return movements;
            }
        }
        throw new IllegalArgumentException("month must be one of " + (months.isEmpty() ? "none" : months.get(0).month()
                + " to " + months.get(months.size() - 1).month()) + ", was " + month);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevenueRetention && ((RevenueRetention) o).months.equals(months);
    }

    @Override
    public int hashCode() {
        return months.hashCode();
    }

    /** A grid: month, the movements, and gross MRR churn, net MRR churn, GRR, NRR and the quick ratio. */
    @Override
    public String toString() {
        TextTable table = new TextTable("month", "start", "new", "expansion", "contraction", "churned", "reactivation",
                "end", "gross churn", "net churn", "GRR", "NRR", "quick ratio");
        for (MrrMovements m : months) {
            table.row(m.month(), m.amount(m.startMrr()), m.amount(m.newMrr()), m.amount(m.expansionMrr()),
                    m.amount(m.contractionMrr()), m.amount(m.churnedMrr()), m.amount(m.reactivationMrr()),
                    m.amount(m.endMrr()), TextTable.figure(m::grossMrrChurn), TextTable.figure(m::netMrrChurn),
                    TextTable.figure(m::grossRevenueRetention), TextTable.figure(m::netRevenueRetention),
                    TextTable.figure(m::quickRatio));
        }
        return table.toString();
    }

    /**
     * A mutable accumulator of MRR snapshots in any order. Per account it keeps the amounts of the
     * months from its first snapshot on, so a snapshot of a known account within that reach allocates
     * nothing. Accumulators combine exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        /** Months of room kept before an account's first snapshot seen. */
        private static final int SLACK = 6;

        private final int decimals;
        /** Per account: {first month number, amount of that month, of the next, …}; ABSENT where no row. */
        private final LongObjectMap<long[]> accounts = new LongObjectMap<>();
        private long firstMonth = Long.MAX_VALUE;
        private long lastMonth = Long.MIN_VALUE;

        Accumulator(int decimals) {
            if (decimals < 0 || decimals > 18) {
                throw new IllegalArgumentException("decimals must be in 0..18, was " + decimals);
            }
            this.decimals = decimals;
        }

        /**
         * Adds the MRR of {@code account} in {@code month}, in minor units.
         *
         * @throws IllegalArgumentException if the amount is negative, or the account already has an
         *     amount for that month
         */
        public Accumulator add(long account, YearMonth month, long amount) {
            Checks.notNull(month, "month");
            if (amount < 0) {
                throw new IllegalArgumentException("amount must be >= 0, was " + amount + " (account " + account + ", "
                        + month + ")");
            }
            long number = Granularity.MONTH.periodNumber(month.atDay(1));
            long[] series = accounts.get(account);
            long[] updated = withAmount(series, number, amount, account);
            if (updated != series) {
                accounts.put(account, updated);
            }
            firstMonth = Math.min(firstMonth, number);
            lastMonth = Math.max(lastMonth, number);
            return this;
        }

        private static long[] withAmount(long[] series, long month, long amount, long account) {
            long[] target = series;
            if (target == null) {
                // Room for a year around the first snapshot seen, as snapshots may come in any order.
                target = new long[1 + 2 * SLACK];
                Arrays.fill(target, ABSENT);
                target[0] = month - SLACK;
            }
            if (month < target[0]) {
                long[] old = target;
                int shift = Math.toIntExact(old[0] - month);
                target = new long[old.length + shift];
                Arrays.fill(target, 1, shift + 1, ABSENT);
                System.arraycopy(old, 1, target, shift + 1, old.length - 1);
                target[0] = month;
            }
            int index = Math.toIntExact(month - target[0] + 1);
            if (index >= target.length) {
                int length = target.length;
                target = Arrays.copyOf(target, Math.max(index + 1, 2 * length - 1));
                Arrays.fill(target, length, target.length, ABSENT);
            }
            if (target[index] != ABSENT) {
                throw new IllegalArgumentException("account " + account + " must have one amount per month, had two for "
                        + Granularity.MONTH.label(month));
            }
            target[index] = amount;
            return target;
        }

        /**
         * Adds every snapshot of {@code other}.
         *
         * @throws IllegalArgumentException if the decimals differ or an account has an amount for the
         *     same month in both
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.decimals != decimals) {
                throw new IllegalArgumentException("other must have " + decimals + " decimals, had " + other.decimals);
            }
            for (long account : other.accounts.sortedKeys()) {
                long[] theirs = other.accounts.get(account);
                long[] ours = accounts.get(account);
                for (int i = 1; i < theirs.length; i++) {
                    if (theirs[i] != ABSENT) {
                        ours = withAmount(ours, theirs[0] + i - 1, theirs[i], account);
                    }
                }
                accounts.put(account, ours);
            }
            firstMonth = Math.min(firstMonth, other.firstMonth);
            lastMonth = Math.max(lastMonth, other.lastMonth);
            return this;
        }

        /** The month-by-month movements of the snapshots added so far. */
        public RevenueRetention snapshot() {
            int count = accounts.size() == 0 ? 0 : Math.toIntExact(lastMonth - firstMonth);
            long[] start = new long[count];
            long[] added = new long[count];
            long[] expansion = new long[count];
            long[] contraction = new long[count];
            long[] churned = new long[count];
            long[] reactivation = new long[count];
            for (long account : accounts.sortedKeys()) {
                long[] series = accounts.get(account);
                boolean hadRevenue = false;
                long previous = 0;
                for (long month = series[0]; month <= lastMonth; month++) {
                    int index = (int) (month - series[0] + 1);
                    long current = index < series.length && series[index] != ABSENT ? series[index] : 0;
                    int k = (int) (month - firstMonth) - 1; // movements of month k + 1 after the first
                    if (k >= 0) {
                        start[k] = Math.addExact(start[k], previous);
                        if (previous > 0 && current > previous) {
                            expansion[k] = Math.addExact(expansion[k], current - previous);
                        } else if (previous > 0 && current < previous) {
                            long[] losses = current == 0 ? churned : contraction;
                            losses[k] = Math.addExact(losses[k], previous - current);
                        } else if (previous == 0 && current > 0) {
                            long[] gains = hadRevenue ? reactivation : added;
                            gains[k] = Math.addExact(gains[k], current);
                        }
                    }
                    hadRevenue |= previous > 0;
                    previous = current;
                }
            }
            List<MrrMovements> months = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                YearMonth month = YearMonth.from(Granularity.MONTH.startOf(firstMonth + k + 1));
                months.add(MrrMovements.ofAmounts(month, start[k], added[k], expansion[k], contraction[k], churned[k],
                        reactivation[k], decimals));
            }
            return new RevenueRetention(Collections.unmodifiableList(months));
        }
    }
}
