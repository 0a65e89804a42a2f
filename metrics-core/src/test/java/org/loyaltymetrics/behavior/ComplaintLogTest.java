package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

class ComplaintLogTest {

    record Complaint(LocalDate date, String category, int severity) {
    }

    static final CalendarPeriod JANUARY = CalendarPeriod.of(Granularity.MONTH, LocalDate.of(2025, 1, 1));
    static final CalendarPeriod FEBRUARY = JANUARY.next();

    static List<Complaint> complaints() {
        return List.of(new Complaint(LocalDate.of(2025, 1, 3), "billing", 1),
                new Complaint(LocalDate.of(2025, 1, 9), "billing", 3),
                new Complaint(LocalDate.of(2025, 1, 20), "delivery", 2),
                new Complaint(LocalDate.of(2025, 2, 2), "delivery", 2),
                new Complaint(LocalDate.of(2025, 2, 14), "delivery", 1),
                new Complaint(LocalDate.of(2025, 2, 27), "support", 1));
    }

    @Test
    void byCategoryAndByPeriod() {
        ComplaintLog log = complaints().stream().collect(ComplaintLog.collector(Granularity.MONTH,
                SeverityWeights.DEFAULT, Complaint::date, Complaint::category, Complaint::severity));
        assertThat(log.total().complaints()).isEqualTo(6);
        assertThat(log.total().weightedComplaints()).isEqualTo(1 + 3 + 2 + 2 + 1 + 1);
        assertThat(log.byCategory().keySet()).containsExactly("billing", "delivery", "support");
        assertThat(log.byCategory().get("delivery").counts()).containsExactly(1, 2, 0);
        assertThat(log.byPeriod().keySet()).containsExactly(JANUARY, FEBRUARY);
        assertThat(log.inPeriod(JANUARY).counts()).containsExactly(1, 1, 1);
        assertThat(log.get("billing", FEBRUARY).isEmpty()).isTrue();
        assertThat(log.toTable().toText()).contains("period   billing  delivery  support  total  weighted")
                .contains("2025-01        2         1        0      3      6.00");
        assertThat(log).hasToString("complaint log per MONTH: 6 complaints in 3 categories over 2 periods, "
                + "severity-weighted 10.00");
        assertThat(log.toTable().rowCount()).isEqualTo(2);
        assertThat(log.toTable().cell(1, 0)).isEqualTo("2025-02");

        // Change from January (3 complaints, 1,000 customers) to February (3, 1,500 customers).
        DifferenceTest change = log.inPeriod(FEBRUARY).per(1500).differenceFrom(log.inPeriod(JANUARY).per(1000));
        assertThat(change.difference()).isCloseTo(2.0 - 3.0, org.assertj.core.api.Assertions.within(1e-12));

        ComplaintLog.Accumulator a = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT);
        ComplaintLog.Accumulator b = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT);
        List<Complaint> all = complaints();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? a : b).add(all.get(i).date(), all.get(i).category(), all.get(i).severity());
        }
        assertThat(b.combine(a).snapshot()).isEqualTo(log).hasSameHashCodeAs(log);
        assertThat(b).hasToString("ComplaintLog.Accumulator: 6 complaints in 3 categories per MONTH");
        // logs of the halves add up to the log of all
        ComplaintLog.Accumulator odd = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT);
        ComplaintLog.Accumulator even = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT);
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? even : odd).add(all.get(i).date(), all.get(i).category(), all.get(i).severity());
        }
        assertThat(even.snapshot().plus(odd.snapshot())).isEqualTo(log);
        assertThat(log.granularity()).isEqualTo(Granularity.MONTH);
        assertThat(log.weights()).isEqualTo(SeverityWeights.DEFAULT);
    }

    @Test
    void badInput() {
        ComplaintLog.Accumulator acc = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT);
        assertThatThrownBy(() -> acc.add(LocalDate.of(2025, 1, 1), "billing", 0)).hasMessage("severity must be in 1..3, was 0");
        assertThatThrownBy(() -> acc.add(LocalDate.of(2025, 1, 1), null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> acc.combine(ComplaintLog.accumulator(Granularity.WEEK, SeverityWeights.DEFAULT)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same granularity MONTH, had WEEK");
        assertThatThrownBy(() -> acc.combine(ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.of(1, 2))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("other must have the same weights");
        ComplaintLog log = acc.snapshot();
        assertThatThrownBy(() -> log.inPeriod(CalendarPeriod.of(Granularity.WEEK, LocalDate.of(2025, 1, 1))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("period must be a MONTH period");
        assertThatThrownBy(() -> log.plus(ComplaintLog.accumulator(Granularity.WEEK, SeverityWeights.DEFAULT).snapshot()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(log.total().isEmpty()).isTrue();
        assertThat(log.toTable().rowCount()).isZero();
    }

    @Test
    void addsChainAndEqualityIsByGranularityWeightsAndCells() {
        ComplaintLog log = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT)
                .add(LocalDate.of(2025, 1, 3), "billing", 1).add(LocalDate.of(2025, 1, 9), "billing", 3).snapshot();
        ComplaintLog weekly = ComplaintLog.accumulator(Granularity.WEEK, SeverityWeights.DEFAULT)
                .add(LocalDate.of(2025, 1, 3), "billing", 1).add(LocalDate.of(2025, 1, 9), "billing", 3).snapshot();
        ComplaintLog weighted = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.of(1, 2, 4))
                .add(LocalDate.of(2025, 1, 3), "billing", 1).add(LocalDate.of(2025, 1, 9), "billing", 3).snapshot();
        ComplaintLog milder = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT)
                .add(LocalDate.of(2025, 1, 3), "billing", 1).add(LocalDate.of(2025, 1, 9), "billing", 2).snapshot();
        assertThat(log.get("billing", JANUARY)).isEqualTo(ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, 0, 1));
        assertThat(log).isNotEqualTo(weekly).isNotEqualTo(weighted).isNotEqualTo(milder).isNotEqualTo("billing");
        // logs that differ in one cell's counts only have different hash codes (a map's hash code is a sum of
        // its entries' key ^ value hashes, so a change of one cell always shows)
        assertThat(log.hashCode()).isNotEqualTo(milder.hashCode());
    }
}
