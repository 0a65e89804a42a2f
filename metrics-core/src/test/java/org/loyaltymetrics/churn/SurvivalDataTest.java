package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class SurvivalDataTest {

    @Test
    void builtFromArraysOrRowByRowAlike() {
        SurvivalData arrays = SurvivalData.of(new double[] {3, 5, 2}, new boolean[] {true, false, true})
                .withCovariate("age", new double[] {40, 50, 60});
        SurvivalData rows = SurvivalData.builder("age").add(3, true, 40).add(5, false, 50).add(2, true, 60).build();
        assertThat(rows).isEqualTo(arrays).hasSameHashCodeAs(arrays);
        assertThat(rows.rows()).isEqualTo(3);
        assertThat(rows.events()).isEqualTo(2);
        assertThat(rows.hasIntervals()).isFalse();
        assertThat(rows.covariate("age")).containsExactly(40, 50, 60);
        assertThat(rows.toString()).isEqualTo("SurvivalData: 3 rows, 2 events, covariates [age]");
    }

    @Test
    void countingProcessRowsWithWeightsStrataAndCustomers() {
        SurvivalData rows = SurvivalData.builder("x").add(0, 2, false, 1.5, 1, 42L, 0.5).add(2, 4, true, 1.5, 1, 42L, 0.7)
                .build();
        SurvivalData arrays = SurvivalData.ofIntervals(new double[] {0, 2}, new double[] {2, 4}, new boolean[] {false, true})
                .withCovariate("x", new double[] {0.5, 0.7}).withWeights(new double[] {1.5, 1.5})
                .withStrata(new int[] {1, 1}).withClusters(new long[] {42L, 42L});
        assertThat(rows).isEqualTo(arrays);
        assertThat(rows.hasIntervals()).isTrue();
        assertThat(rows.hasClusters()).isTrue();
        assertThat(rows.toString()).contains("(start, stop]", "weighted", "stratified", "clustered");
        // a customer id beyond 2^53 survives the builder
        SurvivalData big = SurvivalData.builder().add(0, 1, true, 1, 0, Long.MAX_VALUE).build();
        assertThat(big.cluster[0]).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void categoricalCovariatesBecomeIndicatorsAgainstTheReference() {
        SurvivalData data = SurvivalData.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, false, true})
                .withCategorical("plan", new String[] {"basic", "pro", "team", "basic"}, "basic");
        assertThat(data.covariateNames()).containsExactly("plan=pro", "plan=team");
        assertThat(data.covariate("plan=pro")).containsExactly(0, 1, 0, 0);
        assertThat(data.covariate("plan=team")).containsExactly(0, 0, 1, 0);
        assertThatThrownBy(() -> data.withCategorical("c", new String[] {"a", "b", "a", "b"}, "z"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> data.withCategorical("c", new String[] {"a", null, "a", "b"}, "a"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("missing");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> SurvivalData.of(new double[] {-1}, new boolean[] {true}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("durations");
        assertThatThrownBy(() -> SurvivalData.of(new double[] {1, 2}, new boolean[] {true}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events");
        assertThatThrownBy(() -> SurvivalData.ofIntervals(new double[] {2}, new double[] {2}, new boolean[] {true}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("stops");
        SurvivalData data = SurvivalData.of(new double[] {1, 2}, new boolean[] {true, false});
        assertThatThrownBy(() -> data.withCovariate("x", new double[] {1})).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> data.withCovariate("x", new double[] {1, 2}).withCovariate("x", new double[] {1, 2}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> data.withWeights(new double[] {1, 0})).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> SurvivalData.builder("a", "b").add(1, true, 1.0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("covariates");
        assertThatThrownBy(() -> data.covariate("nope")).isInstanceOf(InvalidArgumentException.class);
    }
}
