package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.behavior.UpsellRate.Definition;

class UpsellRateTest {

    record Purchase(long customer, long product, boolean additional) {
    }

    @Test
    void bothArticleDefinitions() {
        // The telecom KPI guide: 30 multi-product, 70 single-product customers -> 30/70. The small-business
        // loyalty guide: 12 additional
        // purchases of 150 -> 0.08.
        UpsellRate rate = UpsellRate.ofCounts(70, 30, 150, 12);
        assertThat(rate.multiProductRatio().value()).isCloseTo(30.0 / 70, within(1e-15));
        assertThat(rate.value(Definition.MULTI_PRODUCT_PER_SINGLE_PRODUCT_CUSTOMER)).isCloseTo(0.4285714, within(1e-7));
        assertThat(rate.value()).isEqualTo(0.08);
        assertThat(rate.additionalPurchaseShare().successes()).isEqualTo(12);
        assertThat(rate.multiProductCustomerShare().value()).isEqualTo(0.3);
        assertThat(rate.customers()).isEqualTo(100);
        assertThat(rate.toString()).isEqualTo("upsell rate: additional purchases 12/150 (8.00%); multi-product "
                + "customers per single-product customer 30/70 = 0.4286");
        // The ratio exceeds 1 when multi-product customers outnumber single-product ones.
        assertThat(UpsellRate.ofCounts(20, 60, 200, 0).multiProductRatio().value()).isEqualTo(3.0);
        assertThat(Definition.DEFAULT).isEqualTo(Definition.ADDITIONAL_PURCHASE_SHARE);
    }

    @Test
    void intervalsAndChangesOfBothDefinitions() {
        UpsellRate rate = UpsellRate.ofCounts(70, 30, 150, 12);
        // The share: Wilson 95 % of 12/150 (the Wilson formula with SciPy's normal quantile).
        assertThat(rate.confidenceInterval(0.95)).isEqualTo(rate.additionalPurchaseShare().confidenceInterval(0.95));
        assertThat(rate.confidenceInterval(0.95).low()).isCloseTo(0.04635364151865291, within(1e-12));
        assertThat(rate.confidenceInterval(0.95).high()).isCloseTo(0.13462136375053146, within(1e-12));
        // The ratio 30/70: Wilson 95 % of p = 30/100 is [0.218949, 0.395849]; mapped by p / (1 - p):
        // [0.280326, 0.655214] (SciPy).
        UpsellRate.MultiProductRatio ratio = rate.multiProductRatio();
        assertThat(ratio.share()).isEqualTo(rate.multiProductCustomerShare());
        assertThat(ratio.confidenceInterval(0.95).low()).isCloseTo(0.28032588361991456, within(1e-12));
        assertThat(ratio.confidenceInterval(0.95).high()).isCloseTo(0.6552140923126185, within(1e-12));
        assertThat(ratio).hasToString("30/70 = 0.4286");
        // No single-product customer: the ratio is undefined, bounded from below only.
        UpsellRate.MultiProductRatio onlyMulti = new UpsellRate.MultiProductRatio(2, 0);
        assertThat(onlyMulti.confidenceInterval(0.95).high()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(onlyMulti.confidenceInterval(0.95).low()).isPositive();
        assertThat(onlyMulti.isEmpty()).isFalse();
        assertThat(new UpsellRate.MultiProductRatio(0, 0).isEmpty()).isTrue();
        assertThatThrownBy(() -> new UpsellRate.MultiProductRatio(0, 0).confidenceInterval(0.95))
                .isInstanceOf(UndefinedResultException.class);
        // Change of the ratio from 30/70 to 45/55 with delta-method standard errors
        // √(m (m + s) / s³): 0.0935220 and 0.1644607; z = (0.8181818 - 0.4285714) / 0.1891936 = 2.059336 (NumPy).
        UpsellRate.MultiProductRatio later = new UpsellRate.MultiProductRatio(45, 55);
        assertThat(later.differenceFrom(ratio).difference()).isCloseTo(45.0 / 55 - 30.0 / 70, within(1e-15));
        assertThat(later.differenceFrom(ratio).standardError()).isCloseTo(Math.hypot(Math.sqrt(30.0 * 100 / (70.0 * 70 * 70)),
                Math.sqrt(45.0 * 100 / (55.0 * 55 * 55))), within(1e-15));
        assertThat(later.differenceFrom(ratio).statistic()).isCloseTo(2.0593364300269115, within(1e-12));
        assertThatThrownBy(() -> later.differenceFrom(onlyMulti)).isInstanceOf(UndefinedResultException.class);
        // The share's change is the two-proportion test.
        UpsellRate earlier = UpsellRate.ofCounts(70, 30, 150, 6);
        assertThat(rate.differenceFrom(earlier)).isEqualTo(rate.additionalPurchaseShare()
                .differenceFrom(earlier.additionalPurchaseShare()));
        assertThat(rate.isEmpty()).isFalse();
        assertThat(UpsellRate.accumulator().snapshot().isEmpty()).isTrue();
    }

    @Test
    void accumulatesDistinctProductsPerCustomer() {
        List<Purchase> purchases = List.of(new Purchase(1, 10, false), new Purchase(1, 10, false),
                new Purchase(2, 10, false), new Purchase(2, 20, true), new Purchase(3, 30, false),
                new Purchase(3, 30, true));
        UpsellRate rate = purchases.stream().collect(UpsellRate.collector(Purchase::customer, Purchase::product,
                Purchase::additional));
        // Customer 2 bought two products; customers 1 and 3 one each (twice).
        assertThat(rate).isEqualTo(UpsellRate.ofCounts(2, 1, 6, 2));
        UpsellRate.Accumulator a = UpsellRate.accumulator().add(2, 10, false).add(1, 10, false);
        UpsellRate.Accumulator b = UpsellRate.accumulator().add(2, 20, true).add(3, 30, false).add(3, 30, true)
                .add(1, 10, false);
        assertThat(a.combine(b).snapshot()).isEqualTo(rate).hasSameHashCodeAs(rate);
        assertThat(a).hasToString("UpsellRate.Accumulator: 6 purchases (2 additional) of 3 customers");
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> UpsellRate.ofCounts(1, 1, 5, 6)).hasMessage("additionalPurchases must be <= purchases 5, was 6");
        assertThatThrownBy(() -> UpsellRate.ofCounts(1, 2, 4, 0))
                .hasMessage("purchases must be >= 5 (one per single-product customer, two per multi-product customer), was 4");
        UpsellRate onlyMulti = UpsellRate.ofCounts(0, 2, 4, 1);
        assertThatThrownBy(() -> onlyMulti.multiProductRatio().value()).isInstanceOf(UndefinedResultException.class);
        assertThat(onlyMulti.toString()).endsWith("= undefined");
        assertThatThrownBy(() -> UpsellRate.accumulator().snapshot().value()).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void sixteenCustomersAccessorsAndEquality() {
        // 16 customers (the accumulator's first arrays hold exactly 16), customer 16 buys a second product
        UpsellRate.Accumulator accumulator = UpsellRate.accumulator();
        for (int c = 1; c <= 16; c++) {
            accumulator.add(c, 10, false);
        }
        UpsellRate rate = accumulator.add(16, 20, true).snapshot();
        assertThat(rate.singleProductCustomers()).isEqualTo(15);
        assertThat(rate.multiProductCustomers()).isEqualTo(1);
        assertThat(rate.purchases()).isEqualTo(17);
        assertThat(rate.additionalPurchases()).isEqualTo(1);
        // every purchase may be additional
        assertThat(UpsellRate.ofCounts(0, 1, 2, 2).value()).isEqualTo(1.0);
        UpsellRate base = UpsellRate.ofCounts(70, 30, 150, 12);
        for (UpsellRate other : new UpsellRate[] {UpsellRate.ofCounts(71, 30, 150, 12), UpsellRate.ofCounts(70, 31, 150, 12),
            UpsellRate.ofCounts(70, 30, 151, 12), UpsellRate.ofCounts(70, 30, 150, 13)}) {
            assertThat(base).isNotEqualTo(other);
            assertThat(base.hashCode()).isNotEqualTo(other.hashCode());
        }
        assertThat(base).isNotEqualTo("upsell");
    }
}
