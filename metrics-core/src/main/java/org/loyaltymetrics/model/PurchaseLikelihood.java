package org.loyaltymetrics.model;

import org.loyaltymetrics.data.PurchaseHistories;
/**
 * The base of the continuous-time models' likelihoods: the compressed rows of {@link PurchaseHistories}
 * (sorted by x, so that terms depending on x alone can be computed once per distinct x), with an
 * analytic gradient.
 */
abstract class PurchaseLikelihood implements MaximumLikelihood.LogLikelihood {

    final double[] x;
    final double[] recency;
    final double[] age;
    final long[] weight;

    PurchaseLikelihood(PurchaseHistories data) {
        this.x = java.util.Arrays.stream(data.frequencies()).asDoubleStream().toArray();
        this.recency = data.recencies();
        this.age = data.ages();
        this.weight = data.weights();
    }

    @Override
    public boolean hasGradient() {
        return true;
    }
}
