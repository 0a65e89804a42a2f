package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;

class ModelFitTest {

    private static final ModelFit FIT = new ModelFit("test", List.of("x", "y"), new double[] {1.5, 2.0},
            new double[][] {{0.04, 0.01}, {0.01, 0.09}}, -10.25, 7, true, 0.0, 100, 12);
    private static final ModelFit FLAT = new ModelFit("test", List.of("x", "y"), new double[] {1.5, 2.0}, null, -10.25,
            7, false, 0.1, 100, 12);

    @Test
    void exposesEstimatesStandardErrorsAndIntervals() {
        assertThat(FIT.parameters()).containsExactly(java.util.Map.entry("x", 1.5), java.util.Map.entry("y", 2.0));
        assertThat(FIT.parameter("y")).isEqualTo(2.0);
        assertThat(FIT.standardErrors().get("x")).isCloseTo(0.2, within(1e-15));
        assertThat(FIT.estimate("y").standardError()).isCloseTo(0.3, within(1e-15));
        assertThat(FIT.estimate("x").confidenceInterval(0.95).low()).isCloseTo(1.5 - 1.959963984540054 * 0.2, within(1e-12));
        double[][] covariance = FIT.covariance();
        covariance[0][0] = 99;
        assertThat(FIT.covariance()[0][0]).isEqualTo(0.04);
        assertThat(FIT.logLikelihood()).isEqualTo(-10.25);
        assertThat(FIT.iterations()).isEqualTo(7);
        assertThat(FIT.customers()).isEqualTo(100);
        assertThat(FIT.distinctRows()).isEqualTo(12);
        assertThat(FIT.model()).isEqualTo("test");
        assertThat(FIT.hasStandardErrors()).isTrue();
    }

    @Test
    void standardErrorsOfAFlatLikelihoodAreUndefined() {
        assertThat(FLAT.hasStandardErrors()).isFalse();
        assertThatThrownBy(FLAT::standardErrors).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("not positive definite");
        assertThatThrownBy(() -> FLAT.estimate("x")).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> FIT.parameter("z")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("name must be one of [x, y], was z");
        assertThatThrownBy(() -> FIT.estimate("z")).hasMessage("name must be one of [x, y], was z");
        assertThat(FLAT.toString()).endsWith("NOT converged, penalizer 0.1");
        assertThat(FLAT.toTable().toText()).contains("x            1.5000   -        -         -");
        assertThat(FLAT.toTable().cell(0, 2)).isNull();
    }

    @Test
    void equalsHashCodeAndToString() {
        ModelFit same = new ModelFit("test", List.of("x", "y"), new double[] {1.5, 2.0},
                new double[][] {{0.04, 0.01}, {0.01, 0.09}}, -10.25, 7, true, 0.0, 100, 12);
        assertThat(FIT).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(FLAT);
        assertThat(FIT).hasToString("test fit: 100 customers (12 distinct rows), log-likelihood -10.2500, "
                + "7 iterations, converged");
        assertThat(FIT.toTable().toText()).isEqualTo("test fit: 100 customers (12 distinct rows), log-likelihood -10.2500, "
                + "7 iterations, converged\n"
                + "parameter  estimate      SE  95% low  95% high\n"
                + "----------------------------------------------\n"
                + "x            1.5000  0.2000   1.1080    1.8920\n"
                + "y            2.0000  0.3000   1.4120    2.5880\n");
        // the bounds are those of each parameter's Estimate; another level names its columns
        assertThat(FIT.toTable(0.9).headers()).containsExactly("parameter", "estimate", "SE", "90% low", "90% high");
        assertThat(FIT.toTable(0.9).cell(1, 3)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                FIT.estimate("y").confidenceInterval(0.9).low()));
        assertThatThrownBy(() -> FIT.toTable(1.0)).hasMessage("confidence must be in (0, 1), was 1.0");
    }

    @Test
    void fitOptionsValidateAndCopy() {
        FitOptions options = FitOptions.defaults().withPenalizer(0.5).withMaxIterations(20).withTolerance(1e-6);
        assertThat(options).isEqualTo(new FitOptions(0.5, 20, 1e-6, true));
        assertThat(options.allowingNonConvergence().requireConvergence()).isFalse();
        assertThatThrownBy(() -> FitOptions.defaults().withPenalizer(-1)).hasMessage("penalizer must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> FitOptions.defaults().withMaxIterations(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("maxIterations must be >= 1, was 0");
        assertThat(FitOptions.defaults()).hasToString(
                "FitOptions: penalizer 0.0, at most 1000 iterations, tolerance 1.0E-9, convergence required");
        assertThatThrownBy(() -> FitOptions.defaults().withTolerance(0)).hasMessage("tolerance must be finite and > 0, was 0.0");
    }

    @Test
    void theCovarianceOfAFlatLikelihoodIsUndefinedAndEqualityIsByEveryFact() {
        assertThatThrownBy(FLAT::covariance).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("not positive definite");
        ModelFit otherLikelihood = new ModelFit("test", List.of("x", "y"), new double[] {1.5, 2.0},
                new double[][] {{0.04, 0.01}, {0.01, 0.09}}, -10.5, 7, true, 0.0, 100, 12);
        assertThat(FIT).isNotEqualTo(otherLikelihood);
        assertThat(FIT.hashCode()).isNotEqualTo(otherLikelihood.hashCode()).isNotEqualTo(FLAT.hashCode());
        // the smallest options and horizons are allowed
        assertThat(FitOptions.defaults().withMaxIterations(1).maxIterations()).isEqualTo(1);
        assertThat(ValuationHorizon.of(1, java.time.temporal.ChronoUnit.MONTHS, 0).periods()).isEqualTo(1);
    }

    @Test
    void modelsAndDataDifferByEveryParameterAndRow() {
        java.time.temporal.ChronoUnit weeks = java.time.temporal.ChronoUnit.WEEKS;
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, weeks);
        assertThat(model.hashCode()).isNotEqualTo(BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.427, weeks).hashCode())
                .isNotEqualTo(BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, java.time.temporal.ChronoUnit.DAYS)
                        .hashCode());
        PurchaseHistories histories = PurchaseHistories.accumulator(weeks).add(2, 30.43, 38.86).snapshot();
        PurchaseHistories other = PurchaseHistories.accumulator(weeks).add(2, 30.43, 38.87).snapshot();
        assertThat(histories).isNotEqualTo(other).isNotEqualTo(null).isNotEqualTo("2, 30.43, 38.86");
        assertThat(histories.hashCode()).isNotEqualTo(other.hashCode());
        // a single history is checked as a data row is
        assertThatThrownBy(() -> model.logLikelihood(PurchaseHistory.of(0, 1, 2, weeks)))
                .hasMessage("recency must be 0 for a customer without repeat purchases (frequency 0), was 1.0");
        assertThatThrownBy(() -> model.simulate(new double[] {5, 0}, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ages must be finite and > 0 in every entry, was 0.0 at index 1");
    }
}
