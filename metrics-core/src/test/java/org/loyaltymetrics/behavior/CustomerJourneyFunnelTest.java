package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;

class CustomerJourneyFunnelTest {

    record Event(long customer, JourneyStage stage) {
    }

    @Test
    void stageToStageAndOverallConversion() {
        CustomerJourneyFunnel funnel = CustomerJourneyFunnel.ofCounts(1000, 400, 100, 60, 15);
        assertThat(funnel.conversion(JourneyStage.CONSIDERATION).value()).isEqualTo(0.4);
        assertThat(funnel.conversion(JourneyStage.PURCHASE).value()).isEqualTo(0.25);
        assertThat(funnel.conversion(JourneyStage.RETENTION).value()).isEqualTo(0.6);
        assertThat(funnel.conversion(JourneyStage.ADVOCACY).value()).isEqualTo(0.25);
        assertThat(funnel.overallConversion(JourneyStage.ADVOCACY).value()).isEqualTo(0.015);
        assertThat(funnel.overallConversion(JourneyStage.AWARENESS).value()).isEqualTo(1.0);
        // Wilson 95 % of 400/1000 and 100/400 (checked with scipy).
        ConfidenceInterval consideration = funnel.conversion(JourneyStage.CONSIDERATION).confidenceInterval(0.95);
        assertThat(consideration.low()).isCloseTo(0.37007478121137727, within(1e-12));
        assertThat(consideration.high()).isCloseTo(0.4306905704857338, within(1e-12));
        assertThat(funnel.conversion(JourneyStage.PURCHASE).confidenceInterval(0.95).low()).isCloseTo(0.2100790142364741, within(1e-12));
        assertThat(funnel.customers(JourneyStage.RETENTION)).isEqualTo(60);
        assertThat(funnel.toTable().toText()).contains("stage          customers  conversion  95% low  95% high  overall")
                .contains("consideration        400      0.4000   0.3701    0.4307   0.4000");
        assertThat(funnel).hasToString("customer journey funnel: awareness 1000, consideration 400, purchase 100, "
                + "retention 60, advocacy 15");
    }

    @Test
    void accumulatesTheFurthestStagePerCustomer() {
        List<Event> events = List.of(new Event(1, JourneyStage.AWARENESS), new Event(1, JourneyStage.PURCHASE),
                new Event(2, JourneyStage.ADVOCACY), new Event(3, JourneyStage.CONSIDERATION),
                new Event(1, JourneyStage.CONSIDERATION), new Event(4, JourneyStage.AWARENESS));
        CustomerJourneyFunnel funnel = events.stream().collect(CustomerJourneyFunnel.collector(Event::customer, Event::stage));
        assertThat(funnel).isEqualTo(CustomerJourneyFunnel.ofCounts(4, 3, 2, 1, 1))
                .hasSameHashCodeAs(CustomerJourneyFunnel.ofCounts(4, 3, 2, 1, 1));
        CustomerJourneyFunnel.Accumulator a = CustomerJourneyFunnel.accumulator().add(1, JourneyStage.PURCHASE)
                .add(4, JourneyStage.AWARENESS);
        CustomerJourneyFunnel.Accumulator b = CustomerJourneyFunnel.accumulator().add(1, JourneyStage.AWARENESS)
                .add(2, JourneyStage.ADVOCACY).add(3, JourneyStage.CONSIDERATION);
        assertThat(b.combine(a).snapshot()).isEqualTo(funnel);
        assertThat(b).hasToString("CustomerJourneyFunnel.Accumulator: 4 customers");
        // Why two funnels do not add up: customer 1 is in both parts and counts once in the combined one.
        CustomerJourneyFunnel partA = CustomerJourneyFunnel.accumulator().add(1, JourneyStage.PURCHASE)
                .add(4, JourneyStage.AWARENESS).snapshot();
        assertThat(partA.customers(JourneyStage.AWARENESS) + CustomerJourneyFunnel.accumulator().add(1, JourneyStage.AWARENESS)
                .add(2, JourneyStage.ADVOCACY).add(3, JourneyStage.CONSIDERATION).snapshot().customers(JourneyStage.AWARENESS))
                .isEqualTo(5).isGreaterThan(funnel.customers(JourneyStage.AWARENESS));
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> CustomerJourneyFunnel.ofCounts(100, 120, 10, 5, 1))
                .hasMessage("customers at CONSIDERATION must be <= customers at AWARENESS 100, was 120");
        assertThatThrownBy(() -> CustomerJourneyFunnel.ofCounts(1, 1)).hasMessage("customersPerStage must have one count per stage (5), had 2");
        assertThatThrownBy(() -> CustomerJourneyFunnel.ofCounts(1, 1, 1, 1, 1).conversion(JourneyStage.AWARENESS))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("stage must be after AWARENESS, was AWARENESS");
        assertThatThrownBy(() -> CustomerJourneyFunnel.ofCounts(-1, 0, 0, 0, 0))
                .hasMessage("customers at AWARENESS must be a count >= 0, was -1");
        CustomerJourneyFunnel empty = CustomerJourneyFunnel.ofCounts(10, 0, 0, 0, 0);
        assertThatThrownBy(() -> empty.conversion(JourneyStage.PURCHASE).value()).isInstanceOf(UndefinedResultException.class);
        assertThat(empty.toTable().toText()).contains("purchase               0           -        -         -   0.0000");
        assertThat(empty.toTable().cell(2, 2)).as("undefined conversion").isNull();
        assertThat(CustomerJourneyFunnel.ofCounts(0, 0, 0, 0, 0).toTable().cell(0, 5)).as("undefined overall").isNull();
    }

    @Test
    void fullGridAndEquality() {
        // Wilson 95 % intervals of 400/1000, 100/400, 60/100 and 15/60 (the Wilson formula with SciPy's
        // normal quantile): [0.3701, 0.4307], [0.2101, 0.2947], [0.5020, 0.6906], [0.1578, 0.3723]
        CustomerJourneyFunnel funnel = CustomerJourneyFunnel.ofCounts(1000, 400, 100, 60, 15);
        assertThat(funnel.toTable().toText()).isEqualTo("""
                Customer journey funnel
                stage          customers  conversion  95% low  95% high  overall
                ----------------------------------------------------------------
                awareness           1000           -        -         -   1.0000
                consideration        400      0.4000   0.3701    0.4307   0.4000
                purchase             100      0.2500   0.2101    0.2947   0.1000
                retention             60      0.6000   0.5020    0.6906   0.0600
                advocacy              15      0.2500   0.1578    0.3723   0.0150
                """);
        // at 90 %, z = 1.644854: 400/1000 gives [0.3748, 0.4258]
        assertThat(funnel.toTable(0.9).headers()).containsExactly("stage", "customers", "conversion", "90% low",
                "90% high", "overall");
        assertThat(funnel.toTable(0.9).cell(1, 3)).isEqualTo("0.3748");
        assertThatThrownBy(() -> funnel.toTable(1.0)).isInstanceOf(InvalidArgumentException.class);
        assertThat(funnel).isNotEqualTo(CustomerJourneyFunnel.ofCounts(1000, 400, 100, 60, 16)).isNotEqualTo("funnel");
        assertThat(funnel.hashCode()).isNotEqualTo(CustomerJourneyFunnel.ofCounts(1000, 400, 100, 60, 16).hashCode());
    }
}
