package org.loyaltymetrics.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.loyaltymetrics.model.PartitionedSpendLikelihood;

/**
 * The Gamma-Gamma likelihood over the distinct (x, z̄) rows held in the partitions of an RDD, one part's
 * likelihood per partition cached in executor memory: each {@link #sum} is one {@code treeAggregate} of
 * the parts' log-likelihoods and gradients, which {@link org.loyaltymetrics.model.GammaGammaModel#fit(
 * PartitionedSpendLikelihood, org.loyaltymetrics.model.FitOptions)} calls on the driver. The figures
 * (customers, distinct rows, average z̄) are aggregated once, when it is made. {@link #close()} releases
 * the cached parts.
 *
 * <p>Thread-safe: the fit's probes call {@link #sum} from several threads at once, each a Spark job.
 */
public final class DistributedSpendLikelihood implements PartitionedSpendLikelihood, AutoCloseable {

    private final JavaRDD<PartitionedSpendLikelihood> parts;
    private final AtomicLong jobs = new AtomicLong();
    private final long customers;
    private final long distinctRows;
    private final double averageMeanSpend;

    DistributedSpendLikelihood(JavaRDD<PartitionedSpendLikelihood> parts) {
        this.parts = parts;
        // customers, distinct rows, Σ customers · average z̄
        double[] figures = parts.map(p -> new double[] {p.customers(), p.distinctRows(),
            p.customers() * p.averageMeanSpend()}).fold(new double[3], PartSums::add);
        this.customers = (long) figures[0];
        this.distinctRows = (long) figures[1];
        this.averageMeanSpend = customers == 0 ? 0 : figures[2] / customers;
    }

    /** The sums over every partition, by one {@code treeAggregate}. */
    @Override
    public double sum(double[] theta, double[] gradient) {
        jobs.incrementAndGet();
        return PartSums.sum(parts, (part, at, g, h) -> part.sum(at, g), "Gamma-Gamma", theta, gradient, null);
    }

    @Override
    public long customers() {
        return customers;
    }

    @Override
    public long distinctRows() {
        return distinctRows;
    }

    @Override
    public double averageMeanSpend() {
        return averageMeanSpend;
    }

    /** The number of {@link #sum}s so far, each one Spark job (for the cost of a fit). */
    public long evaluations() {
        return jobs.get();
    }

    /** Releases the parts cached on the executors. */
    @Override
    public void close() {
        parts.unpersist(false);
    }

    /** {@code "DistributedSpendLikelihood of Gamma-Gamma: 946 customers, 943 distinct rows in 4 partitions, 0 evaluations"}. */
    @Override
    public String toString() {
        return "DistributedSpendLikelihood of Gamma-Gamma: " + customers + " customers, " + distinctRows
                + " distinct rows in " + parts.getNumPartitions() + " partitions, " + jobs.get() + " evaluations";
    }
}
