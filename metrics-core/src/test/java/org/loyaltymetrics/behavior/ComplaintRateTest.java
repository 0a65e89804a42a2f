package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;

class ComplaintRateTest {

    @Test
    void perThousandCustomersAndSeverityIndex() {
        ComplaintRate rate = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1).per(4000);
        // 12 / 4000 × 1000 = 3.0; severity index 18 / 4000 × 1000 = 4.5.
        assertThat(rate.perThousandCustomers()).isEqualTo(3.0);
        assertThat(rate.severityIndex()).isEqualTo(4.5);
        assertThat(rate.customers()).isEqualTo(4000);
        assertThat(rate.toString()).isEqualTo("3.0000 complaints per 1,000 customers (12 of 4000), severity index 4.5000");
        assertThat(rate).isEqualTo(ComplaintRate.of(rate.complaints(), 4000)).hasSameHashCodeAs(ComplaintRate.of(rate.complaints(), 4000));
        assertThat(rate.value()).isEqualTo(3.0);
        assertThat(rate.isEmpty()).isFalse();
    }

    @Test
    void exactPoissonInterval() {
        // Garwood: [chi2(0.025; 24) / 2, chi2(0.975; 26) / 2] = [6.200575, 20.961585] complaints (SciPy,
        // R's poisson.test(12)), per 1,000 of 4,000 customers.
        ComplaintRate rate = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1).per(4000);
        ConfidenceInterval interval = rate.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(6.200575108722218 / 4, within(1e-12));
        assertThat(interval.high()).isCloseTo(20.96158504817696 / 4, within(1e-12));
        // 99 %: [4.943117, 24.144941] complaints
        assertThat(rate.confidenceInterval(0.99).low()).isCloseTo(4.9431167511207335 / 4, within(1e-12));
        assertThat(rate.confidenceInterval(0.99).high()).isCloseTo(24.14494116622841 / 4, within(1e-12));
        // no complaint: [0, 3.688879] among 100 customers
        ComplaintRate none = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 0, 0, 0).per(100);
        assertThat(none.confidenceInterval(0.95).low()).isZero();
        assertThat(none.confidenceInterval(0.95).high()).isCloseTo(36.888794541139355, within(1e-10));
        // 1,000 complaints among 1,000 customers: [938.973018, 1063.952136] (SciPy)
        ComplaintRate thousand = ComplaintCounts.ofCounts(SeverityWeights.of(1), 1000).per(1000);
        assertThat(thousand.confidenceInterval(0.95).low()).isCloseTo(938.9730184076952, within(1e-8));
        assertThat(thousand.confidenceInterval(0.95).high()).isCloseTo(1063.952136016302, within(1e-8));
        // beyond 10^6 complaints, Wilson-Hilferty: 10^7 among 10^7 customers per 1,000 (SciPy's exact
        // chi-square quantiles: 9993802.996884, 10006199.897731)
        ComplaintRate many = ComplaintCounts.ofCounts(SeverityWeights.of(1), 10_000_000).per(10_000);
        assertThat(many.confidenceInterval(0.95).low()).isCloseTo(9993802.996884268 / 10, within(1e-4));
        assertThat(many.confidenceInterval(0.95).high()).isCloseTo(10006199.897731498 / 10, within(1e-4));
        assertThatThrownBy(() -> rate.confidenceInterval(1.0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> none.complaints().per(0).confidenceInterval(0.95)).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the complaint rate interval is undefined: no customers");
    }

    @Test
    void changeBetweenPeriodsIsAPoissonRateTest() {
        ComplaintRate earlier = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1).per(4000);
        ComplaintRate later = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 20, 8, 2).per(5000);
        DifferenceTest change = later.differenceFrom(earlier);
        // 30/5000 − 12/4000 = 3.0 per 1,000; pooled 42/9000, SE √(42/9000 (1/5000 + 1/4000)) × 1000 =
        // 1.449138; z = 2.070197, p = 0.038434 (scipy.stats.norm).
        assertThat(change.difference()).isCloseTo(3.0, within(1e-12));
        assertThat(change.standardError()).isCloseTo(1.449137674618944, within(1e-12));
        assertThat(change.statistic()).isCloseTo(2.0701966780270626, within(1e-12));
        assertThat(change.pValue()).isCloseTo(0.03843393023678171, within(1e-9));
    }

    @Test
    void undefinedAndBad() {
        ComplaintCounts none = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 0, 0, 0);
        assertThat(none.per(0).isEmpty()).isTrue();
        assertThatThrownBy(() -> none.per(0).perThousandCustomers()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the complaint rate is undefined: no customers");
        assertThatThrownBy(() -> none.per(100).differenceFrom(none.per(200))).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> none.per(-1)).hasMessage("customers must be a count >= 0, was -1");
        assertThat(none.per(0).toString()).isEqualTo("0 complaints, no customers (rate undefined)");
    }

    @Test
    void everyFigureNeedsCustomersAndEqualityIsByCountsAndCustomers() {
        ComplaintCounts some = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1);
        assertThatThrownBy(() -> some.per(0).severityIndex()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the severity index is undefined: no customers");
        assertThatThrownBy(() -> some.per(0).differenceFrom(some.per(4000))).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the complaint rate test is undefined: no customers");
        assertThatThrownBy(() -> some.per(4000).differenceFrom(some.per(0))).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the complaint rate test is undefined: no customers");
        ComplaintRate rate = some.per(4000);
        ComplaintRate otherCustomers = some.per(4001);
        ComplaintRate otherCounts = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 2).per(4000);
        assertThat(rate).isNotEqualTo(otherCustomers).isNotEqualTo(otherCounts).isNotEqualTo("3.0");
        assertThat(rate.hashCode()).isNotEqualTo(otherCustomers.hashCode()).isNotEqualTo(otherCounts.hashCode());
    }
}
