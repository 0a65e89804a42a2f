package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.behavior.RfmSegmentation.Definition;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

class RfmSegmentationTest {

    static final LocalDate END = LocalDate.of(2025, 12, 31);

    /**
     * Customer k (1..5) buys on k consecutive days starting on {@code starts[k-1]}, each purchase worth
     * {@code values[k-1]}: more recent, more frequent and more valuable as k grows.
     */
    static List<Transaction> log() {
        LocalDate[] starts = {LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 1), LocalDate.of(2025, 9, 1),
            LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 20)};
        long[] values = {100, 100, 200, 400, 1000};
        List<Transaction> log = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            for (int d = 0; d < k; d++) {
                log.add(new Transaction(k, starts[k - 1].plusDays(d), Money.ofMinor(CurrencyUnit.USD, values[k - 1])));
            }
        }
        return log;
    }

    @Test
    void quintileScoresAndSegmentsByHand() {
        RfmSegmentation segmentation = log().stream().collect(RfmSegmentation.collector(CurrencyUnit.USD, END));
        // Five customers, each strictly better than the one before on every dimension: b = 0..4, so
        // scores 1 + ⌊5b/5⌋ = 1..5.
        for (int k = 1; k <= 5; k++) {
            RfmSegmentation.Scores scores = segmentation.scores(k);
            assertThat(scores.code()).isEqualTo("" + k + k + k);
        }
        assertThat(segmentation.scores(1).segment()).isEqualTo(RfmSegment.HIBERNATING);
        assertThat(segmentation.scores(2).segment()).isEqualTo(RfmSegment.HIBERNATING);
        assertThat(segmentation.scores(3).segment()).isEqualTo(RfmSegment.NEED_ATTENTION);
        assertThat(segmentation.scores(4).segment()).isEqualTo(RfmSegment.LOYAL_CUSTOMERS);
        assertThat(segmentation.scores(5).segment()).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(segmentation.counts().get(RfmSegment.HIBERNATING)).isEqualTo(2);
        assertThat(segmentation.counts().get(RfmSegment.AT_RISK)).isZero();
        assertThat(segmentation.share(RfmSegment.HIBERNATING).value()).isEqualTo(0.4);
        assertThat(segmentation.size()).isEqualTo(5);
        assertThat(segmentation.definition()).isEqualTo(Definition.TOTAL_VALUE).isEqualTo(Definition.DEFAULT);
        assertThat(segmentation.toTable().toText()).startsWith("RFM segments of 5 customers (M on total value)")
                .contains("hibernating").contains("40.00%");
        assertThat(segmentation).hasToString("RFM segmentation of 5 customers (M on total value): 1 champions, "
                + "1 loyal customers, 1 need attention, 2 hibernating");
        assertThat(segmentation.toTable().rowCount()).isEqualTo(RfmSegment.values().length);
        assertThat(segmentation.toTable().cell(0, 0)).isEqualTo("champions");
        assertThat(segmentation.share(RfmSegment.HIBERNATING).confidenceInterval(0.95).contains(0.4)).isTrue();
        RfmSegmentation none = RfmSegmentation.of(RfmSummary.accumulator(CurrencyUnit.USD, END).snapshot());
        assertThat(none).hasToString("RFM segmentation of 0 customers (M on total value)");
        assertThat(none.toTable().cell(0, 2)).as("no share without customers").isNull();
    }

    @Test
    void tiesScoreAlike() {
        List<Transaction> log = log();
        log.add(new Transaction(6, LocalDate.of(2025, 1, 1), Money.ofMinor(CurrencyUnit.USD, 100))); // the twin of customer 1
        RfmSummary summary = RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log).snapshot();
        RfmSegmentation segmentation = RfmSegmentation.of(summary);
        // n = 6: customers 1 and 6 have b = 0 (score 1); customers 2..5 have b = 2..5, scores
        // 1 + ⌊5b/6⌋ = 2, 3, 4, 5.
        assertThat(segmentation.scores(6)).isEqualTo(new RfmSegmentation.Scores(6, 1, 1, 1, RfmSegment.HIBERNATING));
        assertThat(segmentation.scores(1).recency()).isEqualTo(1);
        assertThat(segmentation.scores(2).recency()).isEqualTo(2);
        assertThat(segmentation.scores(5).recency()).isEqualTo(5);

        // Mean purchase value: 100, 100, 200, 400, 1000, 100 -> customers 1, 2, 6 tie at b = 0.
        RfmSegmentation mean = RfmSegmentation.of(summary, Definition.MEAN_PURCHASE_VALUE);
        assertThat(mean.scores(2).monetary()).isEqualTo(1);
        assertThat(mean.scores(3).monetary()).isEqualTo(1 + 5 * 3 / 6);
        assertThat(mean).isNotEqualTo(segmentation);
        assertThat(RfmSegmentation.of(summary)).isEqualTo(segmentation).hasSameHashCodeAs(segmentation);
    }

    @Test
    void segmentGrid() {
        assertThat(RfmSegment.of(5, 1)).isEqualTo(RfmSegment.NEW_CUSTOMERS);
        assertThat(RfmSegment.of(5, 3)).isEqualTo(RfmSegment.POTENTIAL_LOYALISTS);
        assertThat(RfmSegment.of(4, 1)).isEqualTo(RfmSegment.PROMISING);
        assertThat(RfmSegment.of(4, 2)).isEqualTo(RfmSegment.POTENTIAL_LOYALISTS);
        assertThat(RfmSegment.of(4, 5)).isEqualTo(RfmSegment.LOYAL_CUSTOMERS);
        assertThat(RfmSegment.of(3, 2)).isEqualTo(RfmSegment.ABOUT_TO_SLEEP);
        assertThat(RfmSegment.of(3, 4)).isEqualTo(RfmSegment.LOYAL_CUSTOMERS);
        assertThat(RfmSegment.of(2, 3)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(1, 5)).isEqualTo(RfmSegment.CANNOT_LOSE_THEM);
        assertThat(RfmSegment.of(1, 1)).isEqualTo(RfmSegment.HIBERNATING);
        assertThatThrownBy(() -> RfmSegment.of(0, 3)).hasMessage("r must be a score in 1..5, was 0");
        assertThatThrownBy(() -> RfmSegment.of(3, 6)).hasMessage("f must be a score in 1..5, was 6");
        assertThatThrownBy(() -> new RfmSegmentation.Scores(1, 1, 1, 9, RfmSegment.HIBERNATING))
                .hasMessage("monetary must be a score in 1..5, was 9");
        assertThatThrownBy(() -> new RfmSegmentation.Scores(1, 0, 1, 1, RfmSegment.HIBERNATING))
                .hasMessage("recency must be a score in 1..5, was 0");
        assertThatThrownBy(() -> new RfmSegmentation.Scores(1, 1, 6, 1, RfmSegment.HIBERNATING))
                .hasMessage("frequency must be a score in 1..5, was 6");
        RfmSegmentation segmentation = RfmSegmentation.of(RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log()).snapshot());
        assertThatThrownBy(() -> segmentation.scores(99)).isInstanceOf(org.loyaltymetrics.InvalidArgumentException.class)
                .hasMessage("customerId must be a customer of the segmentation, was 99");
    }

    @Test
    void recencyIsTheTimeSinceTheLastPurchase() {
        // A bought on Jan 1 and Dec 30 (last purchase 1 day before the end), B once on Jun 1 (213 days before):
        // A is the more recent, although its first purchase is the older. n = 2: A has b = 1, score
        // 1 + ⌊5/2⌋ = 3; B has b = 0, score 1.
        RfmSegmentation segmentation = Stream.of(new Transaction(1, LocalDate.of(2025, 1, 1), Money.ofMinor(CurrencyUnit.USD, 100)),
                new Transaction(1, LocalDate.of(2025, 12, 30), Money.ofMinor(CurrencyUnit.USD, 100)), new Transaction(2, LocalDate.of(2025, 6, 1), Money.ofMinor(CurrencyUnit.USD, 100)))
                .collect(RfmSegmentation.collector(CurrencyUnit.USD, END));
        assertThat(segmentation.scores(1).recency()).isEqualTo(3);
        assertThat(segmentation.scores(2).recency()).isEqualTo(1);
        assertThat(segmentation.scores()).containsExactly(segmentation.scores(1), segmentation.scores(2));
        assertThat(segmentation.scores()).extracting(RfmSegmentation.Scores::customerId).containsExactly(1L, 2L);
        RfmSegmentation mean = RfmSegmentation.of(RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log()).snapshot(),
                Definition.MEAN_PURCHASE_VALUE);
        RfmSegmentation total = RfmSegmentation.of(RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log()).snapshot());
        assertThat(mean.hashCode()).isNotEqualTo(total.hashCode()).isNotEqualTo(segmentation.hashCode());
        assertThat(total.hashCode()).isNotEqualTo(segmentation.hashCode());
        assertThat(total).isNotEqualTo("RFM");
    }

    @Test
    void segmentBoundaries() {
        assertThat(RfmSegment.of(4, 3)).isEqualTo(RfmSegment.POTENTIAL_LOYALISTS);
        assertThat(RfmSegment.of(4, 4)).isEqualTo(RfmSegment.LOYAL_CUSTOMERS);
        assertThat(RfmSegment.of(5, 2)).isEqualTo(RfmSegment.POTENTIAL_LOYALISTS);
        assertThat(RfmSegment.of(5, 4)).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(RfmSegment.of(3, 3)).isEqualTo(RfmSegment.NEED_ATTENTION);
        assertThat(RfmSegment.of(2, 2)).isEqualTo(RfmSegment.HIBERNATING);
        assertThat(RfmSegment.of(2, 3)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(1, 4)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(2, 5)).isEqualTo(RfmSegment.CANNOT_LOSE_THEM);
    }
}
