package org.loyaltymetrics.churn;

import java.util.List;

/**
 * Survival rows held in parts (the partitions of a Spark job, the shards of a store), as a Cox fit to
 * them needs them ({@link CoxModel#fit(PartitionedSurvivalData, CoxModel.Ties, org.loyaltymetrics.model.FitOptions)}):
 * a few figures computed once, and at each β the {@link CoxTimeSums} of every row, which each part sums
 * where it is ({@link CoxTimeSums#of}) and the engine merges by time ({@link CoxTimeSums#plus}).
 * The partial likelihood, its score and its information are sums over distinct times of risk-set sums,
 * so only the optimiser runs in one place and only one set of sums per distinct time travels to it.
 *
 * <p>Implementations may be called from one thread at a time.
 */
public interface PartitionedSurvivalData {

    /** The covariate names, in coefficient order. */
    List<String> covariateNames();

    /** The number of rows. */
    long rows();

    /** The number of rows that end with churn (unweighted). */
    long events();

    /**
     * Each covariate's mean over the rows (unweighted, as {@link SurvivalData}'s fit takes it): the centres
     * of the sums, which keep e^η near 1.
     */
    double[] means();

    /**
     * Each covariate's sample standard deviation over the rows (unweighted, n − 1): the scale of the fit's
     * steps and penalty, and 0 for a constant covariate, which the fit refuses.
     */
    double[] standardDeviations();

    /**
     * The sums of every row at {@code beta}, covariates centred at {@link #means()}: the parts'
     * {@code CoxTimeSums.of(part, beta, means())}, merged.
     *
     * @param beta the coefficients, one per covariate
     */
    CoxTimeSums sums(double[] beta);
}
