package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.SpendHistories;

/**
 * Fits of data sets larger than one chunk of rows (8,192), whose likelihood is summed on all cores, and
 * whose identification probes run in parallel: the same estimates, log-likelihood, covariance and
 * iterations, to the last bit, in a fork-join pool of one thread and of four; and the chunked
 * log-likelihood is the sum of the customers' own log-likelihoods.
 */
class ParallelFitTest {

    private static final ChronoUnit WEEKS = ChronoUnit.WEEKS;

    private static double[] ages(int n) {
        double[] ages = new double[n];
        for (int i = 0; i < n; i++) {
            ages[i] = 26 + 13.0 * i / n;
        }
        return ages;
    }

    /** Runs {@code fit} in a pool of one thread and in a pool of four; the two fits must be identical. */
    private static ModelFit sameOnOneAndFourThreads(Supplier<? extends ParametricModel> fit) throws Exception {
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool four = new ForkJoinPool(4);
        try {
            ModelFit onOne = one.submit(fit::get).get().fitResult();
            ModelFit onFour = four.submit(fit::get).get().fitResult();
            assertThat(onFour.estimates()).containsExactly(onOne.estimates());
            assertThat(onFour.logLikelihood()).isEqualTo(onOne.logLikelihood());
            assertThat(onFour.iterations()).isEqualTo(onOne.iterations());
            for (int i = 0; i < onOne.estimates().length; i++) {
                assertThat(onFour.covariance()[i]).containsExactly(onOne.covariance()[i]);
            }
            assertThat(onOne.converged()).isTrue();
            assertThat(onOne.identified()).isTrue();
            return onOne;
        } finally {
            one.shutdown();
            four.shutdown();
        }
    }

    @Test
    void betaGeometricFitsAreTheSameOnOneAndFourThreads() throws Exception {
        PurchaseHistories data = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, WEEKS).simulate(ages(30_000), 7);
        assertThat(data.distinctRows()).isGreaterThan(3 * 8192);
        ModelFit fit = sameOnOneAndFourThreads(() -> BetaGeometricNbdModel.fit(data));
        // the truth within four standard errors
        double[] truth = {0.243, 4.414, 0.793, 2.426};
        for (int k = 0; k < 4; k++) {
            assertThat(fit.estimates()[k]).isCloseTo(truth[k], within(4 * Math.sqrt(fit.covariance()[k][k])));
        }
        sameOnOneAndFourThreads(() -> ModifiedBetaGeometricNbdModel.fit(data));
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.25, 4.0, 0.8, 2.5, WEEKS);
        double byCustomer = 0.0;
        for (int row = 0; row < data.distinctRows(); row++) {
            byCustomer += data.weight(row) * model.logLikelihood(data.get(row));
        }
        assertThat(model.logLikelihood(data)).isCloseTo(byCustomer, within(1e-12 * Math.abs(byCustomer)));
    }

    @Test
    void paretoFitsAreTheSameOnOneAndFourThreads() throws Exception {
        PurchaseHistories data = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, WEEKS).simulate(ages(20_000), 8);
        assertThat(data.distinctRows()).isGreaterThan(2 * 8192);
        sameOnOneAndFourThreads(() -> ParetoNbdModel.fit(data));
        ParetoNbdModel model = ParetoNbdModel.of(0.5, 10.0, 0.6, 12.0, WEEKS);
        double byCustomer = 0.0;
        for (int row = 0; row < data.distinctRows(); row++) {
            byCustomer += data.weight(row) * model.logLikelihood(data.get(row));
        }
        assertThat(model.logLikelihood(data)).isCloseTo(byCustomer, within(1e-12 * Math.abs(byCustomer)));
    }

    @Test
    void gammaGammaFitsAreTheSameOnOneAndFourThreads() throws Exception {
        long[] frequencies = new long[20_000];
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] = 1 + i % 9;
        }
        SpendHistories spend = GammaGammaModel.of(6.25, 3.74, 15.44).simulate(frequencies, 9);
        assertThat(spend.distinctRows()).isGreaterThan(2 * 8192);
        sameOnOneAndFourThreads(() -> GammaGammaModel.fit(spend));
    }

    @Test
    void betaGeometricBetaBinomialFitsAreTheSameOnOneAndFourThreads() throws Exception {
        BetaGeometricBetaBinomialModel truth = BetaGeometricBetaBinomialModel.of(1.2, 0.75, 0.66, 2.8);
        OpportunityHistories.Accumulator data = OpportunityHistories.accumulator();
        for (int n = 40; n <= 160; n++) {
            data.addAll(truth.simulate(200, n, n));
        }
        OpportunityHistories histories = data.snapshot();
        assertThat(histories.distinctRows()).isGreaterThan(8192);
        sameOnOneAndFourThreads(() -> BetaGeometricBetaBinomialModel.fit(histories));
    }
}
