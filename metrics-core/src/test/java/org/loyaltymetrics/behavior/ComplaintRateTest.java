package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
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
