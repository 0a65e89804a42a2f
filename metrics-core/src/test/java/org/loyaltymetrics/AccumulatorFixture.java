package org.loyaltymetrics;

import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;

/**
 * How to feed one kind of accumulator random records, for {@link AccumulatorContractTest}: a
 * {@code *AccumulatorFixtures} class in each test package lists one or more fixtures per accumulator
 * (several where settings change what it computes) in a static method {@code fixtures()}.
 *
 * @param name what the fixture accumulates, for test names, such as "NPS answers"
 * @param type the accumulator class it covers
 * @param create makes an empty accumulator, the same settings every time
 * @param records generates one valid record
 * @param add adds a record to an accumulator
 * @param <A> the accumulator type
 * @param <R> the record type
 */
public record AccumulatorFixture<A extends Accumulator<A, ?>, R>(String name, Class<?> type, Supplier<A> create,
        Gen<R> records, BiConsumer<A, R> add) {

    /** A fixture of {@code type}. */
    public static <A extends Accumulator<A, ?>, R> AccumulatorFixture<A, R> of(String name, Class<?> type,
            Supplier<A> create, Gen<R> records, BiConsumer<A, R> add) {
        return new AccumulatorFixture<>(name, type, create, records, add);
    }
}
