package org.loyaltymetrics.model;

/**
 * The Gamma-Gamma model's log-likelihood over spend data held in parts, for fitting where the data live
 * (the partitions of a Spark job, the shards of a store), as {@link PartitionedLikelihood} is for the
 * purchase models: the log-likelihood of independent customers and its gradient are sums over the
 * customers' distinct (x, z̄) rows, so each part sums its own rows where it is, the parts' sums are added,
 * and only the optimiser runs in one place. {@link GammaGammaModel#likelihood} is the likelihood of one
 * part; an engine implements this interface for the whole data by adding the parts' {@link #sum}s and
 * figures, and {@link GammaGammaModel#fit(PartitionedSpendLikelihood, FitOptions)} fits it with the
 * procedure and start of {@link GammaGammaModel#fit(org.loyaltymetrics.data.SpendHistories, FitOptions)}.
 *
 * <p>Implementations are immutable and may be called from several threads at once.
 */
public interface PartitionedSpendLikelihood {

    /**
     * ln L(p, q, v) = Σ over the distinct rows of weight · ln f(z̄ | x) (see {@link GammaGammaModel}); writes
     * ∂ ln L/∂(p, q, v) into {@code gradient} unless it is null. Outside the finite part of the parameter
     * space the value may be −∞ or NaN, which the fit treats as too far.
     *
     * @param theta the parameters p, q, v
     * @param gradient where to write the gradient, or null
     * @return the log-likelihood
     */
    double sum(double[] theta, double[] gradient);

    /** The number of customers (the sum of the rows' weights). */
    long customers();

    /** The number of distinct (x, z̄) rows. */
    long distinctRows();

    /** The mean of z̄ over the customers (0 without customers), the fit's start value of v. */
    double averageMeanSpend();
}
