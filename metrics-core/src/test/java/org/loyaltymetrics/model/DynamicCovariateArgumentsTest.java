package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.junit.jupiter.api.Test;

/**
 * The time-varying Pareto/NBD refuses what it cannot compute, naming the argument: times out of order,
 * horizons past the covariates, customers without covariates to simulate.
 */
class DynamicCovariateArgumentsTest {

    private static final ParetoNbdDynamicCovariateModel MODEL =
            ParetoNbdDynamicCovariateModelTest.model(ParetoNbdDynamicCovariateModelTest.POLISHED);

    @Test
    void expectedPurchasesAtSeveralTimesWantsThemAscending() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        double[] ascending = MODEL.expectedPurchases(data, 0, new double[] {3.0, 10.0});
        assertThat(ascending[0]).isEqualTo(MODEL.expectedPurchases(data, 0, 3.0));
        assertThat(ascending[1]).isEqualTo(MODEL.expectedPurchases(data, 0, 10.0));
        assertThatThrownBy(() -> MODEL.expectedPurchases(data, 0, new double[] {10.0, 3.0}))
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.argument()).isEqualTo("times"))
                .hasMessageContaining("times[0] = 10.0 before times[1] = 3.0");
    }

    @Test
    void theDistributionOverAPeriodPastTheCovariatesIsRefused() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        // the covariates reach the end of the week of the prediction end (the week of Sunday 2024-12-29): 53 weeks
        // after the calibration end, 2023-12-31
        double[] withinCovariates = MODEL.conditionalPurchaseDistribution(data, 0, 52.0, 200);
        double sum = 0.0;
        for (double p : withinCovariates) {
            sum += p;
        }
        // (to n = 40 it is 1 − 2.4e-10: the tail is below the rounding by n = 200)
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-13));
        assertThatThrownBy(() -> MODEL.conditionalPurchaseDistribution(data, 0, 60.0, 40))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("t"))
                .hasMessageContaining("weeks in [0, 53.0000]").hasMessageContaining("the calibration end")
                .hasMessageContaining("was 60.0");
    }

    @Test
    void simulatingACustomerWithoutCovariatesNamesTheCovariates() {
        TimeVaryingCovariates covariates = DynamicCovariateReferenceData.covariates();
        // customer 1 has covariates from their first purchase; 999999 has none
        assertThatThrownBy(() -> MODEL.simulate(covariates, Map.of(999_999L, LocalDate.of(2023, 3, 1)),
                DynamicCovariateReferenceData.CALIBRATION_END, 1L))
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.argument()).isEqualTo("covariates"))
                .hasMessageContaining("covariates must cover each customer of firstPurchases")
                .hasMessageContaining("999999");
    }
}
