package org.loyaltymetrics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.money.CurrencyUnit;
import org.quicktheories.core.Gen;

/** Properties of the lifetime values (QuickTheories). */
class ValueProperties {

    /** A step in [0.001, 0.01] with four decimals. */
    static Gen<Double> steps() {
        return doubles().between(0.001, 0.01).map(d -> BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).doubleValue());
    }

    @Test
    void retentionClvIncreasesWithMarginAndRetention() {
        qt().forAll(doubles().between(0.01, 1000), doubles().between(0.01, 0.98), doubles().between(0, 0.5),
                steps().zip(integers().between(1, 100), (step, periods) -> new double[] {step, periods}))
                .checkAssert((margin, retention, discount, stepAndPeriods) -> {
                    double step = stepAndPeriods[0];
                    int periods = (int) stepAndPeriods[1];
                    double base = CustomerLifetimeValue.retention(margin, retention, discount).value();
                    assertThat(CustomerLifetimeValue.retention(margin * (1 + step), retention, discount).value())
                            .isGreaterThan(base);
                    assertThat(CustomerLifetimeValue.retention(margin, retention + step, discount).value()).isGreaterThan(base);
                    assertThat(CustomerLifetimeValue.retention(margin, retention, discount + step).value()).isLessThan(base);
                    double finite = CustomerLifetimeValue.retention(margin, retention, discount, periods).value();
                    assertThat(finite).isLessThanOrEqualTo(base * (1 + 1e-12));
                    assertThat(CustomerLifetimeValue.retention(margin, retention + step, discount, periods).value())
                            .isGreaterThan(finite);
                    assertThat(CustomerLifetimeValue.retention(margin * (1 + step), retention, discount, periods).value())
                            .isGreaterThan(finite);
                });
    }

    @Test
    void saasAndSimpleClvIncreaseWithMarginAndRetention() {
        qt().forAll(doubles().between(1, 10_000), doubles().between(0.05, 0.9), doubles().between(0.02, 0.9))
                .checkAssert((arpa, grossMargin, churn) -> {
                    double base = CustomerLifetimeValue.saas(arpa, grossMargin, churn).value();
                    assertThat(CustomerLifetimeValue.saas(arpa, grossMargin + 0.01, churn).value()).isGreaterThan(base);
                    assertThat(CustomerLifetimeValue.saas(arpa, grossMargin, churn - 0.01).value()).isGreaterThan(base);
                    double simple = CustomerLifetimeValue.simple(arpa, 2, 1 / churn, grossMargin).value();
                    assertThat(CustomerLifetimeValue.simple(arpa, 2, 1 / churn, grossMargin + 0.01).value())
                            .isGreaterThan(simple);
                    assertThat(CustomerLifetimeValue.saas(arpa, grossMargin, churn).minusAcquisitionCost(arpa).value())
                            .isLessThan(base);
                });
    }

    @Test
    void historicalValuesMergeExactlyAndTheirAverageIsTheMeanOfTheCustomers() {
        Gen<List<long[]>> amounts = lists().of(integers().between(0, 30).zip(longs().between(-10_000, 10_000),
                (customer, amount) -> new long[] {customer, amount})).ofSizeBetween(0, 80);
        qt().forAll(amounts, amounts).checkAssert((first, second) -> {
            HistoricalCustomerLifetimeValue.Accumulator a = HistoricalCustomerLifetimeValue.accumulator(
                    HistoricalCustomerLifetimeValue.Definition.MARGIN, CurrencyUnit.EUR);
            HistoricalCustomerLifetimeValue.Accumulator b = HistoricalCustomerLifetimeValue.accumulator(
                    HistoricalCustomerLifetimeValue.Definition.MARGIN, CurrencyUnit.EUR);
            HistoricalCustomerLifetimeValue.Accumulator all = HistoricalCustomerLifetimeValue.accumulator(
                    HistoricalCustomerLifetimeValue.Definition.MARGIN, CurrencyUnit.EUR);
            first.forEach(r -> {
                a.add(r[0], r[1]);
                all.add(r[0], r[1]);
            });
            second.forEach(r -> {
                b.add(r[0], r[1]);
                all.add(r[0], r[1]);
            });
            HistoricalCustomerLifetimeValue merged = a.snapshot().plus(b.snapshot());
            assertThat(merged).isEqualTo(all.snapshot());
            long cents = first.stream().mapToLong(r -> r[1]).sum() + second.stream().mapToLong(r -> r[1]).sum();
            assertThat(merged.total().minorUnits()).isEqualTo(cents);
            if (merged.customers() >= 2) {
                assertThat(merged.averageEstimate().value()).isEqualTo(merged.average());
                assertThat(merged.averageEstimate().confidenceInterval(0.95).contains(merged.average())).isTrue();
            }
        });
    }
}
