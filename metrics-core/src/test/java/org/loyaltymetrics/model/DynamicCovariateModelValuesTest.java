package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.stats.Estimate;
import org.junit.jupiter.api.Test;

/**
 * The time-varying Pareto/NBD as a value: equality, the coefficients with their standard errors by process (a
 * coefficient on both processes the fit's constr.x in both), and the covariate options it was fitted with.
 */
class DynamicCovariateModelValuesTest {

    private static final double[] POLISHED = ParetoNbdDynamicCovariateModelTest.POLISHED;

    @Test
    void modelsOfTheSameParametersAndFitAreEqual() {
        ParetoNbdDynamicCovariateModel built = ParetoNbdDynamicCovariateModelTest.model(POLISHED);
        assertThat(built).isEqualTo(ParetoNbdDynamicCovariateModelTest.model(POLISHED.clone()))
                .hasSameHashCodeAs(ParetoNbdDynamicCovariateModelTest.model(POLISHED.clone()));
        double[] other = POLISHED.clone();
        other[7] += 1e-9; // life.marketing
        assertThat(built).isNotEqualTo(ParetoNbdDynamicCovariateModelTest.model(other));
        // so are the holdout evaluations of equal models (they compared by identity before)
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        assertThat(HoldoutEvaluation.of(built, data))
                .isEqualTo(HoldoutEvaluation.of(ParetoNbdDynamicCovariateModelTest.model(POLISHED.clone()), data));
        assertThat(built.covariateOptions()).isEqualTo(CovariateOptions.defaults());
        assertThatThrownBy(built::purchaseCoefficientEstimates).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void aCoefficientOnBothProcessesIsTheFitsConstrEstimateInBoth() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        CovariateOptions options = CovariateOptions.defaults().withSameOnBoth("gender");
        // the fit's order: r, alpha, s, beta, life.(channel, age_std, marketing), trans.(the same), constr.gender
        double[] start = new double[11];
        System.arraycopy(POLISHED, 0, start, 0, 4);
        System.arraycopy(POLISHED, 5, start, 4, 3);
        System.arraycopy(POLISHED, 9, start, 7, 3);
        start[10] = 0.5 * (POLISHED[4] + POLISHED[8]);
        ParetoNbdDynamicCovariateModel fit = ParetoNbdDynamicCovariateModel.fit(data, options, FitOptions.defaults(),
                start);
        ModelFit result = fit.fitResult();
        assertThat(result.parameterNames()).containsExactly("r", "alpha", "s", "beta", "life.channel", "life.age_std",
                "life.marketing", "trans.channel", "trans.age_std", "trans.marketing", "constr.gender");
        assertThat(fit.covariateOptions()).isEqualTo(options);
        Estimate shared = result.estimate("constr.gender");
        assertThat(fit.purchaseCoefficientEstimates().get("gender")).isEqualTo(shared);
        assertThat(fit.attritionCoefficientEstimates().get("gender")).isEqualTo(shared);
        assertThat(shared.standardError()).isPositive();
        for (String name : List.of("channel", "age_std", "marketing")) {
            assertThat(fit.purchaseCoefficientEstimates().get(name)).isEqualTo(result.estimate("trans." + name));
            assertThat(fit.attritionCoefficientEstimates().get(name)).isEqualTo(result.estimate("life." + name));
            assertThat(fit.purchaseCoefficientEstimates().get(name).value())
                    .isEqualTo(fit.purchaseCoefficients().get(name));
        }
        assertThat(fit.purchaseCoefficientEstimates().keySet()).containsExactlyElementsOf(data.names());
        // a fit is not the model of its parameters built by hand (that has no fit), but equals the same fit again
        double[] parameters = fit.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(fit).isNotEqualTo(ParetoNbdDynamicCovariateModel.of(parameters[0], parameters[1], parameters[2],
                parameters[3], data.names(), Arrays.copyOfRange(parameters, 4, 8), Arrays.copyOfRange(parameters, 8,
                12)));
        assertThat(fit).isEqualTo(ParetoNbdDynamicCovariateModel.fit(data, options, FitOptions.defaults(), start));
    }
}
