package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.ContractHistory;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.data.SpendHistory;

/**
 * Properties of the covariate models over random parameters, coefficients and covariates: a customer's
 * log-likelihood in the covariate model's own fitting code equals the plain model's (separate code) at the
 * customer's parameters {@code forCustomer(z)}, to 1e-12 relative: the Gamma-Gamma's per customer, the sBG's
 * over a cohort of that one customer ({@link CohortSurvivors}: lost in period t is the counts 1, …, 1, 0 over
 * t periods; active after n is n + 1 ones).
 */
class CovariateModelProperties {

    private static final List<String> NAMES = List.of("a", "b");

    @Test
    void gammaGammaCustomerLikelihoodIsThePlainModelsAtTheirParameters() {
        qt().withShrinkCycles(0).withExamples(300).forAll(doubles().between(-1.5, 1.5), doubles().between(-1, 1),
                integers().between(1, 200), doubles().between(-1, 3))
                .checkAssert((logP, gamma, x, logMean) -> {
                    double z = 2 * logP;
                    GammaGammaCovariateModel model = GammaGammaCovariateModel.of(Math.pow(10, logP), 1.5 + gamma * gamma,
                            20.0, NAMES, new double[] {gamma, -0.5 * gamma});
                    double[] covariates = {z, 1.0 - z};
                    SpendHistory spend = SpendHistory.of(x, Math.pow(10, logMean));
                    double plain = model.forCustomer(covariates).logLikelihood(spend);
                    double own = model.logLikelihood(CovariateRows.of(NAMES, new long[] {1}, List.of(spend),
                            new double[][] {covariates}));
                    assertThat(own).as("%s, z = %s, %s", model, Arrays.toString(covariates), spend)
                            .isCloseTo(plain, within(1e-12 * Math.max(1.0, Math.abs(plain))));
                });
    }

    @Test
    void sbgCustomerLikelihoodIsThePlainModelsOverTheirOneCustomerCohort() {
        qt().withShrinkCycles(0).withExamples(300).forAll(doubles().between(-2, 2), doubles().between(-2, 2),
                doubles().between(-1, 1), integers().between(0, 40))
                .checkAssert((logAlpha, logBeta, gamma, periods) -> {
                    double z = 1.5 * logBeta;
                    ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.of(
                            Math.pow(10, logAlpha), Math.pow(10, logBeta), NAMES, new double[] {gamma, 0.3},
                            new double[] {-gamma, 0.2});
                    double[] covariates = {z, -z / 2};
                    ShiftedBetaGeometricModel plain = model.forCustomer(covariates);
                    int n = periods + 1;
                    long[] lostAtEnd = new long[n + 1];
                    Arrays.fill(lostAtEnd, 0, n, 1);
                    long[] active = new long[n + 1];
                    Arrays.fill(active, 1);
                    double lost = plain.logLikelihood(CohortSurvivors.of(lostAtEnd));
                    double alive = plain.logLikelihood(CohortSurvivors.of(active));
                    assertThat(model.logLikelihood(covariates, ContractHistory.lostIn(n))).as("%s lost in %d", model, n)
                            .isCloseTo(lost, within(1e-12 * Math.max(1.0, Math.abs(lost))));
                    assertThat(model.logLikelihood(covariates, ContractHistory.activeAfter(n))).as("%s active %d", model, n)
                            .isCloseTo(alive, within(1e-12 * Math.max(1.0, Math.abs(alive))));
                });
    }
}
