package org.loyaltymetrics.value;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class ValueProperties {

    @Property
    void retentionClvIncreasesWithMarginAndRetention(@ForAll @DoubleRange(min = 0.01, max = 1000) double margin,
            @ForAll @DoubleRange(min = 0.01, max = 0.98) double retention, @ForAll @DoubleRange(min = 0, max = 0.5) double discount,
            @ForAll @DoubleRange(min = 0.001, max = 0.01) @Scale(4) double step, @ForAll @IntRange(min = 1, max = 100) int periods) {
        double base = CustomerLifetimeValue.retention(margin, retention, discount).value();
        assertThat(CustomerLifetimeValue.retention(margin * (1 + step), retention, discount).value()).isGreaterThan(base);
        assertThat(CustomerLifetimeValue.retention(margin, retention + step, discount).value()).isGreaterThan(base);
        assertThat(CustomerLifetimeValue.retention(margin, retention, discount + step).value()).isLessThan(base);
        double finite = CustomerLifetimeValue.retention(margin, retention, discount, periods).value();
        assertThat(finite).isLessThanOrEqualTo(base * (1 + 1e-12));
        assertThat(CustomerLifetimeValue.retention(margin, retention + step, discount, periods).value()).isGreaterThan(finite);
        assertThat(CustomerLifetimeValue.retention(margin * (1 + step), retention, discount, periods).value()).isGreaterThan(finite);
    }

    @Property
    void saasAndSimpleClvIncreaseWithMarginAndRetention(@ForAll @DoubleRange(min = 1, max = 10_000) double arpa,
            @ForAll @DoubleRange(min = 0.05, max = 0.9) double grossMargin, @ForAll @DoubleRange(min = 0.02, max = 0.9) double churn) {
        double base = CustomerLifetimeValue.saas(arpa, grossMargin, churn).value();
        assertThat(CustomerLifetimeValue.saas(arpa, grossMargin + 0.01, churn).value()).isGreaterThan(base);
        assertThat(CustomerLifetimeValue.saas(arpa, grossMargin, churn - 0.01).value()).isGreaterThan(base);
        double simple = CustomerLifetimeValue.simple(arpa, 2, 1 / churn, grossMargin).value();
        assertThat(CustomerLifetimeValue.simple(arpa, 2, 1 / churn, grossMargin + 0.01).value()).isGreaterThan(simple);
        assertThat(CustomerLifetimeValue.saas(arpa, grossMargin, churn).minusAcquisitionCost(arpa).value())
                .isLessThan(base);
    }
}
