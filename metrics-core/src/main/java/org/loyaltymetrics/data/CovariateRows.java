package org.loyaltymetrics.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * Customers' data of any kind, one value of type {@code H} per customer (a {@link SpendHistory}, an
 * {@link OpportunityHistory}, a {@link ContractHistory}), joined by customer id to their time-invariant
 * {@link CustomerCovariates}: row i is customer {@link #customerId(int)} with {@link #data(int)} and
 * {@link #covariates(int)}, the rows in the order of the ids. The join refuses customers without
 * covariates, or leaves them out and counts them ({@link CustomerCovariates.MissingCovariates}), as
 * {@link CustomerCovariates#join(Map, CustomerCovariates.MissingCovariates)} does for purchase histories.
 *
 * <p>Immutable (the data of type {@code H} are taken as they are: use immutable ones, such as the records
 * of this package) and thread-safe.
 *
 * @param <H> the type of each customer's data
 */
public final class CovariateRows<H> {

    private final List<String> names;
    private final long[] ids;
    private final List<H> data;
    private final double[] values;
    private final long leftOut;

    private CovariateRows(List<String> names, long[] ids, List<H> data, double[] values, long leftOut) {
        this.names = names;
        this.ids = ids;
        this.data = data;
        this.values = values;
        this.leftOut = leftOut;
    }

    /**
     * Joins each customer's data (by customer id) to their covariates.
     *
     * @param covariates the customers' covariates; not null
     * @param data each customer's data by id; not null, no null value
     * @param missing what to do with a customer who has data but no covariates; not null
     * @param <H> the type of each customer's data
     * @throws InvalidArgumentException if {@code missing} is REFUSE and a customer has no covariates
     */
    public static <H> CovariateRows<H> join(CustomerCovariates covariates, Map<Long, ? extends H> data,
            CustomerCovariates.MissingCovariates missing) {
        Checks.notNull(covariates, "covariates");
        Checks.notNull(data, "data");
        Checks.notNull(missing, "missing");
        long[] sorted = data.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int k = covariates.names().size();
        List<H> kept = new ArrayList<>(sorted.length);
        long[] keptIds = new long[sorted.length];
        double[] keptValues = new double[sorted.length * k];
        long leftOut = 0;
        int n = 0;
        for (long id : sorted) {
            H value = Checks.notNull(data.get(id), "data");
            if (!covariates.contains(id)) {
                if (missing == CustomerCovariates.MissingCovariates.REFUSE) {
                    throw InvalidArgumentException.of("data", "customers who all have covariates (or "
                            + "MissingCovariates.LEAVE_OUT)", "customer " + id + " without covariates");
                }
                leftOut++;
                continue;
            }
            kept.add(value);
            keptIds[n] = id;
            System.arraycopy(covariates.values(id), 0, keptValues, n * k, k);
            n++;
        }
        return new CovariateRows<>(covariates.names(), Arrays.copyOf(keptIds, n), List.copyOf(kept),
                Arrays.copyOf(keptValues, n * k), leftOut);
    }

    /**
     * Rows given directly: customer {@code ids[i]} with {@code data.get(i)} and covariates {@code z[i]}.
     *
     * @param names the covariates' names (at least one, distinct, not blank); not null
     * @param ids the customers' ids, distinct; not null
     * @param data each row's data, one per id; not null, no null value
     * @param z each row's covariates, one finite value per name; not null
     * @param <H> the type of each customer's data
     * @throws InvalidArgumentException if the names, ids, data and covariates do not match in number, an id
     *     repeats, or a covariate is not finite
     */
    public static <H> CovariateRows<H> of(List<String> names, long[] ids, List<? extends H> data, double[][] z) {
        Checks.notNull(ids, "ids");
        Checks.notNull(data, "data");
        Checks.notNull(z, "z");
        if (data.size() != ids.length) {
            throw InvalidArgumentException.of("data", "one value per id (" + ids.length + ")", data.size() + " values");
        }
        if (z.length != ids.length) {
            throw InvalidArgumentException.of("z", "one row of covariates per id (" + ids.length + ")",
                    z.length + " rows");
        }
        CustomerCovariates.Builder builder = CustomerCovariates.builder(names);
        java.util.HashMap<Long, H> map = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            builder.add(ids[i], Checks.notNull(z[i], "z"));
            map.put(ids[i], Checks.notNull(data.get(i), "data"));
        }
        return join(builder.build(), map, CustomerCovariates.MissingCovariates.REFUSE);
    }

    /**
     * The same customers, in the same order and with the same covariates, with new data: {@code data.get(i)}
     * for row i (e.g. a simulation of each customer's history).
     *
     * @param data one value per row; not null, no null value
     * @param <G> the type of the new data
     * @throws InvalidArgumentException if there is not one value per row
     */
    public <G> CovariateRows<G> withData(List<? extends G> data) {
        Checks.notNull(data, "data");
        if (data.size() != ids.length) {
            throw InvalidArgumentException.of("data", "one value per row (" + ids.length + ")", data.size() + " values");
        }
        return new CovariateRows<>(names, ids, List.copyOf(data), values, leftOut);
    }

    /** The covariates' names, in column order. */
    public List<String> names() {
        return names;
    }

    /** The number of customers joined. */
    public int size() {
        return ids.length;
    }

    /** The customers left out for having no covariates (0 when the join refuses them). */
    public long leftOut() {
        return leftOut;
    }

    /** The id of row {@code row}. */
    public long customerId(int row) {
        return ids[row];
    }

    /** The data of row {@code row}. */
    public H data(int row) {
        return data.get(row);
    }

    /** The covariates of row {@code row} (a copy), in the order of {@link #names()}. */
    public double[] covariates(int row) {
        return Arrays.copyOfRange(values, row * names.size(), (row + 1) * names.size());
    }

    /** The covariate {@code column} of row {@code row}. */
    public double covariate(int row, int column) {
        return values[row * names.size() + column];
    }

    /**
     * The names of the covariates that take one value for every joined customer (not identifiable apart
     * from the model's scale parameters); all of them where there is at most one customer.
     */
    public List<String> constantCovariates() {
        return CustomerCovariates.constantColumns(names, values, ids.length);
    }

    @Override
    public String toString() {
        return "CovariateRows: " + ids.length + " customers (" + leftOut + " left out), covariates " + names;
    }
}
