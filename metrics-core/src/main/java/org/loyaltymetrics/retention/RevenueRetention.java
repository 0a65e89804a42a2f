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
import org.loyaltymetrics.internal.LongIndex;
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
     * A mutable accumulator of MRR snapshots in any order. Per account it keeps the amounts of a
     * window of {@value #WINDOW} consecutive months inline in one primitive array (found through a
     * primitive index of account ids), and in a per-account array of its own once the account's
     * months span more than that. A snapshot of a known account within its window allocates nothing.
     * Accumulators combine exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Months held inline per account. */
        static final int WINDOW = 12;
        /** Months of room kept before an account's first snapshot seen. */
        private static final int SLACK = 5;
        /** Slot layout: the window's first month, then WINDOW amounts (ABSENT where no row). */
        private static final int STRIDE = 1 + WINDOW;
        /** The first month of a slot whose account lives in {@link #wide}. */
        private static final long WIDE = Long.MIN_VALUE;

        private final int decimals;
        private final LongIndex accounts = new LongIndex();
        private long[] windows = new long[16 * STRIDE];
        /** Accounts spanning more than WINDOW months: {first month, amount of that month, of the next, …}. */
        private final LongObjectMap<long[]> wide = new LongObjectMap<>();
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
            addMonth(account, Granularity.MONTH.periodNumber(month.atDay(1)), amount);
            return this;
        }

        private void addMonth(long account, long month, long amount) {
            int known = accounts.size();
            int index = accounts.add(account);
            int slot = index * STRIDE;
            if (index == known) {
                if (slot + STRIDE > windows.length) {
                    windows = Arrays.copyOf(windows, Math.max(slot + STRIDE, 2 * windows.length));
                }
                windows[slot] = month - SLACK;
                Arrays.fill(windows, slot + 1, slot + STRIDE, ABSENT);
            }
            long base = windows[slot];
            if (base == WIDE) {
                long[] series = wide.get(account);
                long[] updated = withAmount(series, month, amount, account);
                if (updated != series) {
                    wide.put(account, updated);
                }
            } else if (month - base >= 0 && month - base < WINDOW) {
                int cell = slot + 1 + (int) (month - base);
                if (windows[cell] != ABSENT) {
                    throw duplicate(account, month);
                }
                windows[cell] = amount;
            } else {
                moveWindow(account, slot, month, amount);
            }
            firstMonth = Math.min(firstMonth, month);
            lastMonth = Math.max(lastMonth, month);
        }

        /** Slides the window of {@code slot} to take {@code month}, or moves the account to {@link #wide}. */
        private void moveWindow(long account, int slot, long month, long amount) {
            long base = windows[slot];
            long low = month;
            long high = month;
            for (int k = 0; k < WINDOW; k++) {
                if (windows[slot + 1 + k] != ABSENT) {
                    low = Math.min(low, base + k);
                    high = Math.max(high, base + k);
                }
            }
            if (high - low < WINDOW) {
                long newBase = month < base ? high - (WINDOW - 1) : low;
                long[] moved = new long[WINDOW];
                Arrays.fill(moved, ABSENT);
                for (int k = 0; k < WINDOW; k++) {
                    long value = windows[slot + 1 + k];
                    if (value != ABSENT) {
                        moved[(int) (base + k - newBase)] = value;
                    }
                }
                moved[(int) (month - newBase)] = amount;
                windows[slot] = newBase;
                System.arraycopy(moved, 0, windows, slot + 1, WINDOW);
            } else {
                long[] series = window(slot);
                wide.put(account, withAmount(series, month, amount, account));
                windows[slot] = WIDE;
            }
        }

        /** The window of {@code slot} as a series {first month, amounts …}. */
        private long[] window(int slot) {
            return Arrays.copyOfRange(windows, slot, slot + STRIDE);
        }

        private static long[] withAmount(long[] series, long month, long amount, long account) {
            long[] target = series;
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
                throw duplicate(account, month);
            }
            target[index] = amount;
            return target;
        }

        private static IllegalArgumentException duplicate(long account, long month) {
            return new IllegalArgumentException("account " + account + " must have one amount per month, had two for "
                    + Granularity.MONTH.label(month));
        }

        /** The series {first month, amounts …} of the account with dense index {@code index}. */
        private long[] seriesOf(int index) {
            int slot = index * STRIDE;
            return windows[slot] == WIDE ? wide.get(accounts.key(index)) : window(slot);
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
            for (int index = 0; index < other.accounts.size(); index++) {
                long account = other.accounts.key(index);
                long[] theirs = other.seriesOf(index);
                for (int i = 1; i < theirs.length; i++) {
                    if (theirs[i] != ABSENT) {
                        addMonth(account, theirs[0] + i - 1, theirs[i]);
                    }
                }
            }
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
            for (int index = 0; index < accounts.size(); index++) {
                // The account's amounts: values[offset + k] is the amount of month first + k, k < length.
                int slot = index * STRIDE;
                boolean inline = windows[slot] != WIDE;
                long[] values = inline ? windows : wide.get(accounts.key(index));
                int offset = inline ? slot + 1 : 1;
                int length = inline ? WINDOW : values.length - 1;
                long first = values[offset - 1];
                boolean hadRevenue = false;
                long previous = 0;
                for (long month = first; month <= lastMonth; month++) {
                    int k0 = (int) (month - first);
                    long current = k0 < length && values[offset + k0] != ABSENT ? values[offset + k0] : 0;
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
