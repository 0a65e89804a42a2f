package org.loyaltymetrics.examples.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** The bundled retention sample data: customer records, activity events and MRR snapshots. */
public final class RetentionSample {

    /** The day the sample customers were observed. */
    public static final LocalDate AS_OF = LocalDate.of(2025, 7, 1);

    /**
     * A customer record.
     *
     * @param id the customer id
     * @param start the first day as a customer
     * @param end the first day no longer a customer, null while still one
     */
    public record Customer(String id, LocalDate start, LocalDate end) {
    }

    /**
     * An activity event.
     *
     * @param user the user id
     * @param date the day of the event
     */
    public record Event(String user, LocalDate date) {
    }

    /**
     * A monthly recurring revenue snapshot.
     *
     * @param account the account id
     * @param month the month
     * @param mrr the amount, in dollars with two decimals
     */
    public record Snapshot(String account, YearMonth month, BigDecimal mrr) {

        /** The account id as a number (the sample's ids are A0001, A0002, …). */
        public long accountNumber() {
            return Long.parseLong(account.substring(1));
        }

        /** The amount in cents. */
        public long cents() {
            return mrr.movePointRight(2).longValueExact();
        }
    }

    private RetentionSample() {
    }

    /** The 1,500 sample customers. */
    public static List<Customer> customers() {
        return SampleCsv.read("customers.csv", r -> new Customer(r.get("customer_id"), LocalDate.parse(r.get("start_date")),
                r.get("end_date").isEmpty() ? null : LocalDate.parse(r.get("end_date"))));
    }

    /** The activity events of the customers who started in 2025. */
    public static List<Event> events() {
        return SampleCsv.read("activity.csv", r -> new Event(r.get("user_id"), LocalDate.parse(r.get("date"))));
    }

    /** The MRR snapshots of 300 accounts. */
    public static List<Snapshot> snapshots() {
        return SampleCsv.read("mrr.csv", r -> new Snapshot(r.get("account_id"), YearMonth.parse(r.get("month")),
                new BigDecimal(r.get("mrr"))));
    }
}
