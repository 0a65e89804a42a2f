package org.loyaltymetrics.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.churn.CoxTimeSums;
import org.loyaltymetrics.churn.PartitionedSurvivalData;
import org.loyaltymetrics.churn.SurvivalData;

/**
 * Survival rows held in the partitions of an RDD, each partition's rows kept as the core's {@link SurvivalData}
 * (checked as a single-JVM fit checks its rows) in executor memory until {@link #close()}: the figures (rows, events, the covariates' means and standard deviations) are one
 * aggregation when it is made, and each {@link #sums} at β is one Spark job in which every partition sums
 * its rows into {@link CoxTimeSums} and the partitions' sums are merged by time on the way to the driver
 * ({@code treeReduce}). The driver holds one set of sums per distinct (stratum, time), never the rows.
 *
 * <p>{@link #sums} is called by one fit at a time.
 */
public final class DistributedSurvivalData implements PartitionedSurvivalData, AutoCloseable {

    private final JavaRDD<SurvivalData> parts;
    private final List<String> names;
    private final long rows;
    private final long events;
    private final double[] means;
    private final double[] sds;
    private final AtomicLong jobs = new AtomicLong();

    /**
     * The rows of {@code data} in {@code columns}, checked for nulls, summarised and cached.
     *
     * @throws InvalidArgumentException if a column has a null (the argument is {@code columns}, the message
     *     names the column)
     */
    DistributedSurvivalData(Dataset<Row> data, CoxColumns columns) {
        this.names = columns.covariates();
        int p = names.size();
        boolean hasStart = columns.start() != null;
        boolean hasWeight = columns.weight() != null;
        boolean hasStratum = columns.stratum() != null;
        List<Column> selected = new ArrayList<>();
        selected.add(col(columns.duration()).cast("double"));
        selected.add(col(columns.event()).cast("boolean"));
        for (String c : names) {
            selected.add(col(c).cast("double"));
        }
        if (hasStart) {
            selected.add(col(columns.start()).cast("double"));
        }
        if (hasWeight) {
            selected.add(col(columns.weight()).cast("double"));
        }
        if (hasStratum) {
            selected.add(col(columns.stratum()).cast("int"));
        }
        Dataset<Row> rowsOf = data.select(selected.toArray(new Column[0]));
        List<String> used = new ArrayList<>();
        used.add(columns.duration());
        used.add(columns.event());
        used.addAll(names);
        if (hasStart) {
            used.add(columns.start());
        }
        if (hasWeight) {
            used.add(columns.weight());
        }
        if (hasStratum) {
            used.add(columns.stratum());
        }
        // one job: the rows, the non-null count of each column, the events, and each covariate's mean and sd
        List<Column> figures = new ArrayList<>();
        figures.add(count(lit(1)));
        for (int c = 0; c < used.size(); c++) {
            figures.add(count(col(rowsOf.columns()[c])));
        }
        figures.add(sum(when(col(rowsOf.columns()[1]), 1L).otherwise(0L)));
        for (int j = 0; j < p; j++) {
            figures.add(avg(col(rowsOf.columns()[2 + j])));
            figures.add(stddev_samp(col(rowsOf.columns()[2 + j])));
        }
        Row f = rowsOf.agg(figures.get(0), figures.subList(1, figures.size()).toArray(new Column[0])).first();
        this.rows = f.getLong(0);
        for (int c = 0; c < used.size(); c++) {
            long nulls = rows - f.getLong(1 + c);
            if (nulls > 0) {
                throw InvalidArgumentException.of("columns", "columns without nulls (leave the rows out, or fill them, "
                        + "before the fit)", nulls + " nulls in column '" + used.get(c) + "'");
            }
        }
        int at = 1 + used.size();
        this.events = f.isNullAt(at) ? 0 : f.getLong(at);
        this.means = new double[p];
        this.sds = new double[p];
        for (int j = 0; j < p; j++) {
            means[j] = f.isNullAt(at + 1 + 2 * j) ? 0.0 : f.getDouble(at + 1 + 2 * j);
            sds[j] = f.isNullAt(at + 2 + 2 * j) || Double.isNaN(f.getDouble(at + 2 + 2 * j)) ? 0.0
                    : f.getDouble(at + 2 + 2 * j);
        }
        List<String> covariates = names; // a local: the function must not capture this
        this.parts = rowsOf.javaRDD().mapPartitions((Iterator<Row> it) -> {
            List<Row> list = new ArrayList<>();
            it.forEachRemaining(list::add);
            int n = list.size();
            if (n == 0) {
                return java.util.Collections.<SurvivalData>emptyIterator();
            }
            double[] start = new double[n];
            double[] stop = new double[n];
            boolean[] event = new boolean[n];
            double[] weight = new double[n];
            int[] stratum = new int[n];
            double[][] x = new double[p][n];
            for (int i = 0; i < n; i++) {
                Row r = list.get(i);
                stop[i] = r.getDouble(0);
                event[i] = r.getBoolean(1);
                for (int j = 0; j < p; j++) {
                    x[j][i] = r.getDouble(2 + j);
                }
                int c = 2 + p;
                if (hasStart) {
                    start[i] = r.getDouble(c++);
                }
                if (hasWeight) {
                    weight[i] = r.getDouble(c++);
                }
                if (hasStratum) {
                    stratum[i] = r.getInt(c);
                }
            }
            // the core's rows, checked as a single-JVM fit checks them
            SurvivalData part = hasStart ? SurvivalData.ofIntervals(start, stop, event) : SurvivalData.of(stop, event);
            for (int j = 0; j < p; j++) {
                part = part.withCovariate(covariates.get(j), x[j]);
            }
            if (hasWeight) {
                part = part.withWeights(weight);
            }
            if (hasStratum) {
                part = part.withStrata(stratum);
            }
            return List.of(part).iterator();
        }).persist(StorageLevel.MEMORY_ONLY());
    }

    @Override
    public List<String> covariateNames() {
        return names;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] standardDeviations() {
        return sds.clone();
    }

    /** The sums of every partition's rows at β, merged by time: one Spark job. */
    @Override
    public CoxTimeSums sums(double[] beta) {
        jobs.incrementAndGet();
        double[] b = beta.clone();
        double[] m = means.clone();
        return parts.map(part -> CoxTimeSums.of(part, b, m)).treeReduce(CoxTimeSums::plus, 2);
    }

    /** The number of {@link #sums} so far, each one Spark job (for the cost of a fit). */
    public long evaluations() {
        return jobs.get();
    }

    /** Releases the rows cached on the executors. */
    @Override
    public void close() {
        parts.unpersist(false);
    }

    /** {@code "DistributedSurvivalData: 228 rows, 165 events, covariates [age, sex] in 4 partitions, 0 evaluations"}. */
    @Override
    public String toString() {
        return "DistributedSurvivalData: " + rows + " rows, " + events + " events, covariates " + names + " in "
                + parts.getNumPartitions() + " partitions, " + jobs.get() + " evaluations";
    }
}
