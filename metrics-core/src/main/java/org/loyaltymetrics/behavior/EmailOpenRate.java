package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.Proportion;

/**
 * The e-mail open rate (the customer-experience metrics guide's engagement: "e-mail open rate"): delivered e-mails
 * opened at least once / delivered e-mails, a share in [0, 1] with a Wilson interval. Count unique opens (an
 * e-mail opened three times is one open) and delivered, not sent, e-mails: 210 opened of 1,000
 * delivered is 21 %.
 *
 * <p>The counts are exact sufficient statistics: rates of two campaigns or periods merge with
 * {@link #plus(EmailOpenRate)}, accumulators with {@link Accumulator#combine(Accumulator)}.
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
     * @throws org.loyaltymetrics.InvalidArgumentException unless 0 &lt;= opened &lt;= delivered
     */
    public static EmailOpenRate ofCounts(long opened, long delivered) {
        return new EmailOpenRate(Proportion.of(opened, delivered));
    }

    /** A new, empty accumulator of delivered e-mails. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of delivered e-mails, each opened or not by {@code opened}. */
    public static <T> Collector<T, ?, EmailOpenRate> collector(Predicate<? super T> opened) {
        Checks.notNull(opened, "opened");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, (acc, t) -> acc.add(opened.test(t)));
    }

    /** E-mails opened. */
    public long opened() {
        return proportion().successes();
    }

    /** E-mails delivered. */
    public long delivered() {
        return proportion().trials();
    }

    /**
     * The rate of both: counts added.
     *
     * @throws ArithmeticException if a count overflows
     */
    public EmailOpenRate plus(EmailOpenRate other) {
        return new EmailOpenRate(proportion().plus(Checks.notNull(other, "other").proportion()));
    }

    /** Reads, e.g., {@code "e-mail open rate 210/1000 (21.00%)"}. */
    @Override
    public String toString() {
        return "e-mail open rate " + proportion();
    }

    /**
     * A mutable accumulator of delivered e-mails, opened or not: two counts, so adding allocates
     * nothing and accumulators combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, EmailOpenRate> {

        private static final long serialVersionUID = 1L;

        private long opened;
        private long delivered;

        Accumulator() {
        }

        /**
         * Adds one delivered e-mail, {@code opened} if it was opened at least once.
         *
         * @throws ArithmeticException if the count overflows (nothing is added)
         */
        public Accumulator add(boolean opened) {
            delivered = Checks.addCounts(delivered, 1, "delivered e-mails");
            if (opened) {
                this.opened++;
            }
            return this;
        }

        /** Adds every e-mail of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            long newDelivered = Checks.addCounts(delivered, other.delivered, "delivered e-mails");
            opened += other.opened;
            delivered = newDelivered;
            return this;
        }

        /** The open rate of the e-mails added so far. */
        @Override
        public EmailOpenRate snapshot() {
            return ofCounts(opened, delivered);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.EmailOpenRate.Accumulator"}, version 1: the e-mails opened and delivered (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.EmailOpenRate.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCount(out, value.opened);
            BinaryFields.writeCount(out, value.delivered);
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            read.opened = BinaryFields.readCount(in);
            read.delivered = BinaryFields.readCount(in);
            BinaryFields.checkField(read.opened <= read.delivered, "opened <= delivered " + read.delivered,
                    read.opened);
            return read;
        }

        /** Reads, e.g., {@code "EmailOpenRate.Accumulator: 210 of 1000 delivered e-mails opened"}. */
        @Override
        public String toString() {
            return "EmailOpenRate.Accumulator: " + opened + " of " + delivered + " delivered e-mails opened";
        }
    }
}
