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

    @Test
    void aCustomerTableWithDatesFollowsTheCustomerLifetimesConventions() {
        java.time.LocalDate asOf = java.time.LocalDate.of(2025, 7, 1);
        SurvivalData.CustomerTable table = SurvivalData.customerTable(asOf, java.time.temporal.ChronoUnit.MONTHS,
                java.util.List.of("charges"), java.util.List.of("plan")).withReference("plan", "pro");
        // churned after 59 days; still a customer (censored at 181 days); ended after the as-of date (censored)
        table.add(java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 3, 1), new double[] {20}, new String[] {"basic"});
        table.add(java.time.LocalDate.of(2025, 1, 1), null, new double[] {30}, new String[] {"pro"});
        table.add(java.time.LocalDate.of(2025, 6, 1), java.time.LocalDate.of(2025, 9, 1), new double[] {25}, new String[] {"max"});
        SurvivalData data = table.build();
        double month = 30.436875; // days: ChronoUnit.MONTHS' estimated duration, as CustomerLifetimes
        assertThat(data.stop).containsExactly(59 / month, 181 / month, 30 / month);
        assertThat(data.event).containsExactly(true, false, false);
        assertThat(data.covariateNames()).containsExactly("charges", "plan=basic", "plan=max");
        assertThat(data.covariate("plan=basic")).containsExactly(1, 0, 0);
        assertThat(data.covariate("charges")).containsExactly(20, 30, 25);
        // the same records through retention.CustomerLifetimes give the same Kaplan-Meier curve
        org.loyaltymetrics.retention.CustomerLifetimes lifetimes = org.loyaltymetrics.retention.CustomerLifetimes
                .accumulator(asOf, java.time.temporal.ChronoUnit.MONTHS);
        lifetimes.add(java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 3, 1));
        lifetimes.add(java.time.LocalDate.of(2025, 1, 1), null);
        lifetimes.add(java.time.LocalDate.of(2025, 6, 1), java.time.LocalDate.of(2025, 9, 1));
        assertThat(org.loyaltymetrics.retention.SurvivalCurve.of(data.stop, data.event)).isEqualTo(lifetimes.snapshot());
        assertThat(table.leftOut()).isZero();
        assertThat(table.toString()).isEqualTo("CustomerTable as of 2025-07-01: 3 records, 0 left out");
    }

    @Test
    void aCustomerTableRefusesOrLeavesOutMissingValuesNeverImputes() {
        java.time.LocalDate asOf = java.time.LocalDate.of(2025, 7, 1);
        java.time.LocalDate start = java.time.LocalDate.of(2025, 1, 1);
        SurvivalData.CustomerTable strict = SurvivalData.customerTable(asOf, java.time.temporal.ChronoUnit.DAYS,
                java.util.List.of("charges"), java.util.List.of("plan"));
        assertThatThrownBy(() -> strict.add(start, null, new double[] {Double.NaN}, new String[] {"pro"}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("charges must be a value (or leavingOutMissing() to leave such records out), was missing");
        assertThatThrownBy(() -> strict.add(start, null, new double[] {1}, new String[] {null}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("plan must be a value");
        assertThatThrownBy(() -> strict.add(java.time.LocalDate.of(2025, 8, 1), null, new double[] {1}, new String[] {"a"}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("on or before the as-of date 2025-07-01");
        assertThatThrownBy(() -> strict.add(start, java.time.LocalDate.of(2024, 12, 1), new double[] {1}, new String[] {"a"}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("on or after the start 2025-01-01");
        assertThatThrownBy(() -> strict.add(start, null, new double[] {1, 2}, new String[] {"a"}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("a record has 1 numbers [charges]");
        SurvivalData.CustomerTable lenient = SurvivalData.customerTable(asOf, java.time.temporal.ChronoUnit.DAYS,
                java.util.List.of("charges"), java.util.List.of("plan")).leavingOutMissing();
        lenient.add(start, null, new double[] {Double.NaN}, new String[] {"pro"});
        lenient.add(start, java.time.LocalDate.of(2025, 2, 1), new double[] {3}, new String[] {"pro"});
        lenient.add(start, null, new double[] {4}, new String[] {"basic"});
        lenient.add(start, null, new double[] {5}, new String[] {null});
        assertThat(lenient.leftOut()).isEqualTo(2);
        SurvivalData data = lenient.build();
        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.covariate("charges")).containsExactly(3, 4);
        assertThat(data.covariateNames()).containsExactly("charges", "plan=pro"); // reference: basic, first sorted
        assertThatThrownBy(() -> SurvivalData.customerTable(asOf, java.time.temporal.ChronoUnit.HOURS, java.util.List.of(),
                java.util.List.of())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("DAYS, WEEKS");
        assertThatThrownBy(() -> SurvivalData.customerTable(asOf, java.time.temporal.ChronoUnit.DAYS, java.util.List.of("a"),
                java.util.List.of("a"))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("categorical");
    }
}
