package org.loyaltymetrics.spark;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/**
 * The RFM summary of a transaction log computed on the executors: a DataFrame of transactions in, a
 * DataFrame with one row per customer out, as {@link RfmSummary} defines the figures (purchase days,
 * repeat purchases x, recency tₓ and age T in days, the calibration/holdout split). The transactions
 * are repartitioned by customer, so that each customer's transactions meet in one task, and each task
 * runs one {@link RfmSummary.Accumulator} over its partition and writes out its customers; nothing
 * proportional to the customers reaches the driver. The rows equal {@link RfmSummary#customers()} of
 * the same log in one JVM.
 *
 * <p>The output columns ({@link #RFM_SCHEMA}): {@code customer_id} (bigint), {@code frequency},
 * {@code recency_days}, {@code age_days}, {@code holdout_purchases} (int), {@code first_purchase_value},
 * {@code repeat_value}, {@code holdout_value} (bigint minor units of the currency). As in
 * {@link RfmSummary}, customers first seen in the holdout are left out, and so are transactions after
 * the end.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class CustomerTables {

    /** The columns of {@link #rfm}'s output. */
    public static final StructType RFM_SCHEMA = new StructType().add("customer_id", DataTypes.LongType, false)
            .add("frequency", DataTypes.IntegerType, false).add("recency_days", DataTypes.IntegerType, false)
            .add("age_days", DataTypes.IntegerType, false).add("holdout_purchases", DataTypes.IntegerType, false)
            .add("first_purchase_value", DataTypes.LongType, false).add("repeat_value", DataTypes.LongType, false)
            .add("holdout_value", DataTypes.LongType, false);

    private CustomerTables() {
    }

    /**
     * The RFM summary of {@code transactions} observed to {@code end} (inclusive), without a holdout.
     *
     * @see #rfm(Dataset, String, String, String, CurrencyUnit, LocalDate, LocalDate)
     */
    public static Dataset<Row> rfm(Dataset<Row> transactions, String customerColumn, String dateColumn,
            String amountColumn, CurrencyUnit currency, LocalDate end) {
        return rfm(transactions, customerColumn, dateColumn, amountColumn, currency, end, end);
    }

    /**
     * The RFM summary of {@code transactions} with calibration to {@code calibrationEnd} and holdout from
     * the day after to {@code end} (both inclusive), one row per customer ({@link #RFM_SCHEMA}).
     *
     * @param transactions the transaction log
     * @param customerColumn the customer id column (any integer type)
     * @param dateColumn the date column (date)
     * @param amountColumn the amount column, whole minor units of {@code currency} (any integer type)
     * @param currency the currency of the amounts
     * @param calibrationEnd the last day of the calibration period
     * @param end the last day observed
     * @return the per-customer table, lazily computed
     * @throws InvalidArgumentException if {@code end} is before {@code calibrationEnd}
     */
    public static Dataset<Row> rfm(Dataset<Row> transactions, String customerColumn, String dateColumn,
            String amountColumn, CurrencyUnit currency, LocalDate calibrationEnd, LocalDate end) {
        Objects.requireNonNull(transactions, "transactions must not be null");
        RfmSummary.accumulator(currency, calibrationEnd, end); // checks the settings on the driver
        Dataset<Row> selected = transactions.select(col(customerColumn).cast("long").as("c"), col(dateColumn).as("d"),
                col(amountColumn).cast("long").as("a"));
        return selected.repartition(col("c")).mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            RfmSummary.Accumulator accumulator = RfmSummary.accumulator(currency, calibrationEnd, end);
            while (rows.hasNext()) {
                Row row = rows.next();
                accumulator.add(row.getLong(0), date(row.get(1)), row.getLong(2));
            }
            return rowsOf(accumulator.snapshot().customers());
        }, Encoders.row(RFM_SCHEMA));
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        throw InvalidArgumentException.of("dateColumn", "a column of dates", value);
    }

    private static Iterator<Row> rowsOf(List<RfmSummary.Customer> customers) {
        List<Row> rows = new ArrayList<>(customers.size());
        for (RfmSummary.Customer c : customers) {
            rows.add(RowFactory.create(c.customerId(), c.frequency(), c.recencyDays(), c.ageDays(), c.holdoutPurchases(),
                    c.firstPurchaseValue().minorUnits(), c.repeatValue().minorUnits(), c.holdoutValue().minorUnits()));
        }
        return rows.iterator();
    }
}
