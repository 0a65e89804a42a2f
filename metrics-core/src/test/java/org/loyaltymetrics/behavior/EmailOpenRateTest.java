package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class EmailOpenRateTest {

    @Test
    void openedOfDelivered() {
        EmailOpenRate rate = EmailOpenRate.ofCounts(210, 1000);
        assertThat(rate.value()).isEqualTo(0.21);
        assertThat(rate.percent()).isEqualTo(21.0);
        assertThat(rate.toString()).isEqualTo("e-mail open rate 210/1000 (21.00%)");
        assertThat(rate.confidenceInterval(0.95).contains(0.21)).isTrue();
        assertThat(IntStream.range(0, 1000).boxed().collect(EmailOpenRate.collector(i -> i < 210))).isEqualTo(rate)
                .hasSameHashCodeAs(rate);
        assertThat(IntStream.range(0, 1000).boxed().parallel().collect(EmailOpenRate.collector(i -> i % 5 == 0)))
                .isEqualTo(EmailOpenRate.ofCounts(200, 1000));
        assertThat(rate.plus(rate).delivered()).isEqualTo(2000);
        assertThat(rate.differenceFrom(EmailOpenRate.ofCounts(200, 1000)).difference())
                .isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(rate.opened()).isEqualTo(210);
        EmailOpenRate.Accumulator accumulator = EmailOpenRate.accumulator().add(true).add(false);
        assertThat(accumulator).hasToString("EmailOpenRate.Accumulator: 1 of 2 delivered e-mails opened");
        assertThat(accumulator.combine(EmailOpenRate.accumulator().add(true)).snapshot()).isEqualTo(EmailOpenRate.ofCounts(2, 3));
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> EmailOpenRate.ofCounts(11, 10)).hasMessage("successes must be <= trials 10, was 11");
        assertThatThrownBy(() -> EmailOpenRate.ofCounts(0, 0).value()).isInstanceOf(UndefinedResultException.class);
    }
}
