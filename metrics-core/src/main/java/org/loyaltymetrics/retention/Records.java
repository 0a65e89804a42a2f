package org.loyaltymetrics.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;
import org.loyaltymetrics.Accumulator;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/** What the values of this package share: collectors of customer records, and the order of periods. */
final class Records {

    private Records() {
    }

    /** Adds one customer record, its start and its end (null while still a customer), to an accumulator. */
    @FunctionalInterface
    interface Adder<A> {
        void add(A accumulator, LocalDate start, LocalDate end);
    }

    /** A collector of customer records into accumulators made by {@code newAccumulator}. */
    static <T, A extends Accumulator<A, V>, V> Collector<T, A, V> collector(Supplier<A> newAccumulator, Adder<A> adder,
            Function<? super T, LocalDate> startOf, Function<? super T, LocalDate> endOf) {
        Checks.notNull(startOf, "startOf");
        Checks.notNull(endOf, "endOf");
        return Accumulator.collector(newAccumulator, (acc, t) -> adder.add(acc, startOf.apply(t), endOf.apply(t)));
    }

    /**
     * Checks that the periods of {@code items} are periods of {@code granularity} in increasing order.
     *
     * @throws InvalidArgumentException naming {@code argument} otherwise
     */
    static <T> void requireIncreasing(Granularity granularity, List<T> items, Function<T, CalendarPeriod> periodOf,
            String argument, String item) {
        for (int k = 0; k < items.size(); k++) {
            CalendarPeriod period = periodOf.apply(items.get(k));
            if (period.granularity() != granularity || k > 0 && periodOf.apply(items.get(k - 1)).until(period) <= 0) {
                throw InvalidArgumentException.of(argument, "periods of " + granularity + " in increasing order",
                        item + " " + period + " at " + k);
            }
        }
    }
}
