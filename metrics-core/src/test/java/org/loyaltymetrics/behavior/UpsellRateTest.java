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
        // Article 000: 30 multi-product, 70 single-product customers -> 30/70. Article 002: 12 additional
        // purchases of 150 -> 0.08.
        UpsellRate rate = UpsellRate.ofCounts(70, 30, 150, 12);
        assertThat(rate.multiProductRatio()).isCloseTo(30.0 / 70, within(1e-15));
        assertThat(rate.value(Definition.MULTI_PRODUCT_PER_SINGLE_PRODUCT_CUSTOMER)).isCloseTo(0.4285714, within(1e-7));
        assertThat(rate.value()).isEqualTo(0.08);
        assertThat(rate.additionalPurchaseShare().successes()).isEqualTo(12);
        assertThat(rate.multiProductCustomerShare().value()).isEqualTo(0.3);
        assertThat(rate.customers()).isEqualTo(100);
        assertThat(rate.toString()).isEqualTo("upsell rate: additional purchases 12/150 (8.00%); multi-product "
                + "customers per single-product customer 30/70 = 0.4286");
        // The ratio exceeds 1 when multi-product customers outnumber single-product ones.
        assertThat(UpsellRate.ofCounts(20, 60, 200, 0).multiProductRatio()).isEqualTo(3.0);
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
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> UpsellRate.ofCounts(1, 1, 5, 6)).hasMessage("additionalPurchases must be <= purchases 5, was 6");
        assertThatThrownBy(() -> UpsellRate.ofCounts(1, 2, 4, 0))
                .hasMessage("purchases must be >= 5 (one per single-product customer, two per multi-product customer), was 4");
        UpsellRate onlyMulti = UpsellRate.ofCounts(0, 2, 4, 1);
        assertThatThrownBy(onlyMulti::multiProductRatio).isInstanceOf(UndefinedResultException.class);
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
