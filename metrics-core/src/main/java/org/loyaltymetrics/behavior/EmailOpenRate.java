package org.loyaltymetrics.behavior;

import java.util.function.Predicate;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.Proportion;

/**
 * The e-mail open rate (article 003's engagement: "e-mail open rate"): delivered e-mails opened at
 * least once / delivered e-mails, a share in [0, 1] with a Wilson interval. Count unique opens (an
 * e-mail opened three times is one open) and delivered, not sent, e-mails: 210 opened of 1,000
 * delivered is 21 %.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EmailOpenRate extends ProportionRate<EmailOpenRate> {

    private EmailOpenRate(Proportion proportion) {
        super(proportion);
    }

    /**
     * The rate of {@code opened} of {@code delivered} e-mails.
     *
     * @throws IllegalArgumentException unless 0 &lt;= opened &lt;= delivered
     */
    public static EmailOpenRate ofCounts(long opened, long delivered) {
        return new EmailOpenRate(Proportion.of(opened, delivered));
    }

    /** A collector of delivered e-mails, each opened or not by {@code opened}. */
    public static <T> Collector<T, ?, EmailOpenRate> collector(Predicate<? super T> opened) {
        Checks.notNull(opened, "opened");
        return Collector.of(() -> new long[2], (counts, t) -> {
            counts[0] += opened.test(t) ? 1 : 0;
            counts[1]++;
        }, (a, b) -> new long[] {Math.addExact(a[0], b[0]), Math.addExact(a[1], b[1])},
                counts -> ofCounts(counts[0], counts[1]), Collector.Characteristics.UNORDERED);
    }

    /** E-mails opened. */
    public long opened() {
        return proportion().successes();
    }

    /** E-mails delivered. */
    public long delivered() {
        return proportion().trials();
    }

    /** The rate of both: counts added. */
    public EmailOpenRate plus(EmailOpenRate other) {
        return new EmailOpenRate(proportion().plus(Checks.notNull(other, "other").proportion()));
    }

    /** Reads, e.g., {@code "e-mail open rate 210/1000 (21.00%)"}. */
    @Override
    public String toString() {
        return "e-mail open rate " + proportion();
    }
}
