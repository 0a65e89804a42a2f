package org.loyaltymetrics.spark;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.loyaltymetrics.model.PartitionedLikelihood;

/**
 * A model's likelihood over the distinct histories held in the partitions of an RDD, one part's
 * likelihood per partition cached in executor memory: each {@link #sum} is one {@code treeAggregate}
 * of the parts' log-likelihoods, gradients and Hessians, which the optimiser of the model's
 * {@code fit(PartitionedLikelihood, FitOptions)} calls on the driver. The figures (customers, distinct
 * rows, means) are aggregated once, when it is made. A part whose likelihood cannot be evaluated at θ
 * ({@link ArithmeticException}) makes the sum throw one on the driver, as the single-JVM likelihood
 * would. {@link #close()} releases the cached parts.
 *
 * <p>Thread-safe: the fit's probes call {@link #sum} from several threads at once, each a Spark job.
 */
public final class DistributedLikelihood implements PartitionedLikelihood, AutoCloseable {

    private final JavaRDD<PartitionedLikelihood> parts;
    private final ChronoUnit timeUnit;
    private final String model;
    private final boolean hasHessian;
    private final AtomicLong jobs = new AtomicLong();
    private final long customers;
    private final long distinctRows;
    private final double meanFrequency;
    private final double meanAge;

    /**
     * The likelihood of {@code parts}, whose model's name and whether it has a Hessian are {@code empty}'s,
     * the likelihood of no history (built on the driver, so that no data need be looked at for them).
     */
    DistributedLikelihood(JavaRDD<PartitionedLikelihood> parts, ChronoUnit timeUnit, PartitionedLikelihood empty) {
        this.parts = parts;
        this.timeUnit = timeUnit;
        this.model = empty.model();
        this.hasHessian = empty.hasHessian();
        // customers, distinct rows, Σ customers · mean x, Σ customers · mean T
        double[] figures = parts.map(p -> new double[] {p.customers(), p.distinctRows(), p.customers() * p.meanFrequency(),
            p.customers() * p.meanAge()}).fold(new double[4], PartSums::add);
        this.customers = (long) figures[0];
        this.distinctRows = (long) figures[1];
        this.meanFrequency = customers == 0 ? 0 : figures[2] / customers;
        this.meanAge = customers == 0 ? 0 : figures[3] / customers;
    }

    @Override
    public String model() {
        return model;
    }

    /** The sums over every partition, by one {@code treeAggregate}. */
    @Override
    public double sum(double[] theta, double[] gradient, double[][] hessian) {
        jobs.incrementAndGet();
        return PartSums.sum(parts, PartitionedLikelihood::sum, model, theta, gradient, hessian);
    }

    @Override
    public boolean hasHessian() {
        return hasHessian;
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
    public double meanFrequency() {
        return meanFrequency;
    }

    @Override
    public double meanAge() {
        return meanAge;
    }

    @Override
    public ChronoUnit timeUnit() {
        return timeUnit;
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

    /** {@code "DistributedLikelihood of BG/NBD: 2357 customers, 1200 distinct histories in 4 partitions, 0 evaluations"}. */
    @Override
    public String toString() {
        return "DistributedLikelihood of " + model + ": " + customers + " customers, " + distinctRows
                + " distinct histories in " + parts.getNumPartitions() + " partitions, " + jobs.get() + " evaluations";
    }
}
