package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.LongSeriesMap;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.Granularity;

/**
 * Recurring-revenue retention month by month: the {@link MrrMovements} of every month after the
 * first, from snapshots of each account's monthly recurring revenue (account id, month, amount in
 * minor units of one {@link CurrencyUnit}). An account without a row in a month has no revenue that
 * month.
 *
 * <p>Two values cannot be merged: whether an account's revenue is new or reactivated, expanded or
 * churned, depends on its whole history, which a value no longer holds (an account first seen in one
 * part of the data and again in the other would be new twice). Combine the {@link Accumulator}s
 * instead, which keep each account's months; the movements of one month over disjoint sets of
 * accounts do add up ({@link MrrMovements#plus(MrrMovements)}). It prints one line;
 * {@link #toTable()} gives the grid.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param currency the currency of every amount
 * @param months the movements of every month after the first snapshot month, consecutive and in time
 *     order
 */
public record RevenueRetention(CurrencyUnit currency, List<MrrMovements> months) implements Tabular {

    /**
     * Validates the components and copies the months.
     *
     * @throws InvalidArgumentException unless the months are consecutive, in {@code currency}
     */
    public RevenueRetention {
        Checks.notNull(currency, "currency");
        months = List.copyOf(Checks.notNull(months, "months"));
        for (int k = 0; k < months.size(); k++) {
            MrrMovements m = months.get(k);
            Checks.sameSetting(currency, m.currency(), "months", "currency");
            if (k > 0 && !months.get(k - 1).month().plusMonths(1).equals(m.month())) {
                throw InvalidArgumentException.of("months", "consecutive months", m.month() + " after "
                        + months.get(k - 1).month());
            }
        }
    }

    /** A new, empty accumulator of MRR snapshots with amounts in minor units of {@code currency}. */
    public static Accumulator accumulator(CurrencyUnit currency) {
        return new Accumulator(currency);
    }

    /**
     * A collector of snapshots, reading each one's account, month and amount in minor units of
     * {@code currency}.
     */
    public static <T> Collector<T, ?, RevenueRetention> collector(CurrencyUnit currency,
            ToLongFunction<? super T> accountOf, Function<? super T, YearMonth> monthOf,
            ToLongFunction<? super T> amountOf) {
        Checks.notNull(accountOf, "accountOf");
        Checks.notNull(monthOf, "monthOf");
        Checks.notNull(amountOf, "amountOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(currency),
                (acc, t) -> acc.add(accountOf.applyAsLong(t), monthOf.apply(t), amountOf.applyAsLong(t)));
    }

    /**
     * The movements of {@code month}.
     *
     * @throws InvalidArgumentException if the month is not after the first snapshot month and up to
     *     the last
     */
    public MrrMovements get(YearMonth month) {
        Checks.notNull(month, "month");
        for (MrrMovements movements : months) {
            if (movements.month().equals(month)) {
                return movements;
            }
        }
        throw InvalidArgumentException.of("month", "one of " + (months.isEmpty() ? "none" : months.get(0).month()
                + " to " + months.get(months.size() - 1).month()), month);
    }

    /** Reads, e.g., {@code "RevenueRetention in USD: 3 months, 2025-02 to 2025-04"}. */
    @Override
    public String toString() {
        return "RevenueRetention in " + currency + ": " + months.size() + " months" + (months.isEmpty() ? ""
                : ", " + months.get(0).month() + " to " + months.get(months.size() - 1).month());
    }

    /**
     * A grid: month, the movements as decimal amounts, and gross MRR churn, net MRR churn, GRR, NRR and
     * the quick ratio (undefined where the start MRR, or the MRR lost, is 0).
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().column("month").numberColumn("start").numberColumn("new")
                .numberColumn("expansion").numberColumn("contraction").numberColumn("churned")
                .numberColumn("reactivation").numberColumn("end").numberColumn("gross churn").numberColumn("net churn")
                .numberColumn("GRR").numberColumn("NRR").numberColumn("quick ratio");
        for (MrrMovements m : months) {
            boolean started = !m.startMrr().isZero();
            boolean lost = !m.churnedMrr().plus(m.contractionMrr()).isZero();
            table.row(m.month(), amount(m.startMrr()), amount(m.newMrr()), amount(m.expansionMrr()),
                    amount(m.contractionMrr()), amount(m.churnedMrr()), amount(m.reactivationMrr()),
                    amount(m.endMrr()), started ? Formatting.decimal(m.grossMrrChurn(), 4) : null,
                    started ? Formatting.decimal(m.netMrrChurn(), 4) : null,
                    started ? Formatting.decimal(m.grossRevenueRetention(), 4) : null,
                    started ? Formatting.decimal(m.netRevenueRetention(), 4) : null,
                    lost ? Formatting.decimal(m.quickRatio(), 4) : null);
        }
        return table.build();
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }

    /**
     * A mutable accumulator of MRR snapshots in any order. Per account it keeps the amounts of a
     * window of {@value #WINDOW} consecutive months inline in one primitive array, and in an array of
     * its own once the account's months span more ({@link LongSeriesMap}). A snapshot of a known
     * account within its window allocates nothing. Accumulators combine exactly: an account seen by
     * both keeps the months of both. This class is not thread-safe: use one per thread and combine
     * them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, RevenueRetention> {

        private static final long serialVersionUID = 1L;

        /** Months held inline per account. */
        static final int WINDOW = 12;

        private final CurrencyUnit currency;
        private final LongSeriesMap accounts = new LongSeriesMap(WINDOW);

        Accumulator(CurrencyUnit currency) {
            this.currency = Checks.notNull(currency, "currency");
        }

        /**
         * Adds the MRR of {@code account} in {@code month}, in minor units of the accumulator's currency.
         *
         * @throws InvalidArgumentException if the amount is negative, or the account already has an
         *     amount for that month
         */
        public Accumulator add(long account, YearMonth month, long amount) {
            Checks.notNull(month, "month");
            if (amount < 0) {
                throw InvalidArgumentException.of("amount", ">= 0", amount + " (account " + account + ", " + month + ")");
            }
            addMonth(account, Granularity.MONTH.periodNumber(month.atDay(1)), amount);
            return this;
        }

        private void addMonth(long account, long month, long amount) {
            if (!accounts.putIfAbsent(account, month, amount)) {
                throw new InvalidArgumentException("month", "account " + account
                        + " must have one amount per month, had two for " + Granularity.MONTH.label(month));
            }
        }

        /**
         * Adds every snapshot of {@code other}.
         *
         * @throws InvalidArgumentException if the currencies differ or an account has an amount for
         *     the same month in both
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(currency, other.currency, "other", "currency");
            other.accounts.forEach((account, first, values, offset, length) -> {
                for (int k = 0; k < length; k++) {
                    if (values[offset + k] != LongSeriesMap.ABSENT) {
                        addMonth(account, first + k, values[offset + k]);
                    }
                }
            });
            return this;
        }

        /** The month-by-month movements of the snapshots added so far. */
        @Override
        public RevenueRetention snapshot() {
            long firstMonth = accounts.minPosition();
            long lastMonth = accounts.maxPosition();
            int count = accounts.size() == 0 ? 0 : Math.toIntExact(lastMonth - firstMonth);
            long[] start = new long[count];
            long[] added = new long[count];
            long[] expansion = new long[count];
            long[] contraction = new long[count];
            long[] churned = new long[count];
            long[] reactivation = new long[count];
            accounts.forEach((account, first, values, offset, length) -> {
                // values[offset + k] is the amount of month first + k, k < length
                boolean hadRevenue = false;
                long previous = 0;
                for (long month = first; month <= lastMonth; month++) {
                    int k0 = (int) (month - first);
                    long current = k0 < length && values[offset + k0] != LongSeriesMap.ABSENT ? values[offset + k0] : 0;
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
            });
            List<MrrMovements> months = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                YearMonth month = YearMonth.from(Granularity.MONTH.startOf(firstMonth + k + 1));
                months.add(MrrMovements.ofMinorUnits(month, currency, start[k], added[k], expansion[k], contraction[k],
                        churned[k], reactivation[k]));
            }
            return new RevenueRetention(currency, months);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "retention.RevenueRetention.Accumulator"}, version
         * 1: the currency (its code as the number of its UTF-8 bytes then the bytes, and its decimals, a varint),
         * the number of accounts, then for each account by ascending id: the id (a zigzag varint), the number of
         * its months with an amount, the first of them (a zigzag varint, months since 0000-01) and each later one
         * as its distance from the one before (a varint, &ge; 1), then the amount of each of those months
         * (varints, minor units).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "retention.RevenueRetention.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeString(out, value.currency.code());
            BinaryFields.writeCount(out, value.currency.decimals());
            // each account's months (first row) and amounts (second row)
            LongObjectMap<long[][]> byAccount = new LongObjectMap<>(value.accounts.size());
            value.accounts.forEach((account, first, values, offset, length) -> {
                long[][] series = new long[2][length];
                int m = 0;
                for (int k = 0; k < length; k++) {
                    if (values[offset + k] != LongSeriesMap.ABSENT) {
                        series[0][m] = first + k;
                        series[1][m++] = values[offset + k];
                    }
                }
                byAccount.put(account, new long[][] {Arrays.copyOf(series[0], m), Arrays.copyOf(series[1], m)});
            });
            long[] ids = byAccount.sortedKeys();
            BinaryFields.writeCount(out, ids.length);
            for (long id : ids) {
                long[][] series = byAccount.get(id);
                BinaryFields.writeSigned(out, id);
                BinaryFields.writeAscending(out, series[0], 0, series[0].length);
                for (long amount : series[1]) {
                    BinaryFields.writeCount(out, amount);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator(CurrencyUnit.of(BinaryFields.readString(in),
                    BinaryFields.readLength(in, 255)));
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                long[] months = BinaryFields.readAscending(in, Integer.MAX_VALUE);
                for (long month : months) {
                    Granularity.MONTH.startOf(month); // a month of dates
                    read.addMonth(id, month, BinaryFields.readCount(in));
                }
            }
            return read;
        }

        /** Reads, e.g., {@code "RevenueRetention.Accumulator in USD: 1000 accounts"}. */
        @Override
        public String toString() {
            return "RevenueRetention.Accumulator in " + currency + ": " + accounts.size() + " accounts";
        }
    }
}
