package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;

class ComplaintCountsTest {

    @Test
    void countsAndSeverityWeightedCount() {
        // 7 low, 4 medium, 1 high with weights 1, 2, 3: 12 complaints, weighted 7 + 8 + 3 = 18.
        ComplaintCounts counts = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1);
        assertThat(counts.complaints()).isEqualTo(12);
        assertThat(counts.count(2)).isEqualTo(4);
        assertThat(counts.weightedComplaints()).isEqualTo(18.0);
        assertThat(counts.meanSeverity()).isEqualTo(1.5);
        assertThat(counts.counts()).containsExactly(7, 4, 1);
        assertThat(counts.toString()).isEqualTo("12 complaints {1: 7, 2: 4, 3: 1}, severity-weighted 18.0000");
        ComplaintCounts same = IntStream.of(1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3).boxed()
                .collect(ComplaintCounts.collector(SeverityWeights.DEFAULT, Integer::intValue));
        assertThat(same).isEqualTo(counts).hasSameHashCodeAs(counts);
        ComplaintCounts.Accumulator accumulator = ComplaintCounts.accumulator(SeverityWeights.DEFAULT).add(1).add(3);
        assertThat(accumulator).hasToString("ComplaintCounts.Accumulator: 2 complaints {1: 1, 2: 0, 3: 1}");
        assertThat(accumulator.combine(ComplaintCounts.accumulator(SeverityWeights.DEFAULT).add(2)).snapshot())
                .isEqualTo(ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, 1, 1));
        assertThat(ComplaintCounts.of(SeverityWeights.DEFAULT, 1, 2, 2)).isEqualTo(ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, 2, 0));
        assertThat(counts.plus(counts).complaints()).isEqualTo(24);
        // Configurable weights: a severe complaint ten times a minor one.
        ComplaintCounts custom = ComplaintCounts.ofCounts(SeverityWeights.of(1, 10), 5, 2);
        assertThat(custom.weightedComplaints()).isEqualTo(25.0);
        assertThat(custom.weights().toString()).isEqualTo("severity weights {1: 1, 2: 10}");
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, 2))
                .hasMessage("counts must have one count per severity level (3), had 2");
        assertThatThrownBy(() -> ComplaintCounts.of(SeverityWeights.DEFAULT, 4)).hasMessage("severity must be in 1..3, was 4");
        assertThatThrownBy(() -> ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, -2, 0))
                .hasMessage("count of severity 2 must be a count >= 0, was -2");
        assertThatThrownBy(() -> SeverityWeights.of(1, -1)).hasMessage("weight of severity 2 must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> SeverityWeights.of(0, 0)).hasMessage("weightsPerLevel must have a weight > 0, were all 0");
        assertThatThrownBy(SeverityWeights::of).hasMessage("weightsPerLevel must have 1..100 weights, had 0");
        assertThatThrownBy(() -> ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, 1, 1)
                .plus(ComplaintCounts.ofCounts(SeverityWeights.of(1, 2, 4), 1, 1, 1))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same weights severity weights {1: 1, 2: 2, 3: 3}, had severity weights "
                        + "{1: 1, 2: 2, 3: 4}");
        assertThatThrownBy(() -> ComplaintCounts.accumulator(SeverityWeights.DEFAULT)
                .combine(ComplaintCounts.accumulator(SeverityWeights.of(1, 2)))).isInstanceOf(InvalidArgumentException.class);
        assertThat(catchThrowableOfType(() -> SeverityWeights.of(1, -1), InvalidArgumentException.class).argument())
                .isEqualTo("weightsPerLevel");
        assertThat(catchThrowableOfType(() -> ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 1, -2, 0),
                InvalidArgumentException.class).argument()).isEqualTo("counts");
        assertThatThrownBy(() -> ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 0, 0, 0).meanSeverity())
                .isInstanceOf(UndefinedResultException.class);
        assertThat(SeverityWeights.DEFAULT.weight(3)).isEqualTo(3.0);
        assertThat(SeverityWeights.DEFAULT).isEqualTo(SeverityWeights.of(1, 2, 3)).hasSameHashCodeAs(SeverityWeights.of(1, 2, 3));
    }

    @Test
    void parallelCollectionLevelsAndEquality() {
        // 1,000 complaints, severity 1 + i % 3, collected in parallel: 334, 333, 333
        ComplaintCounts counts = IntStream.range(0, 1000).parallel().map(i -> 1 + i % 3).boxed()
                .collect(ComplaintCounts.collector(SeverityWeights.DEFAULT, Integer::intValue));
        assertThat(counts).isEqualTo(ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 334, 333, 333));
        assertThat(counts.isEmpty()).isFalse();
        // one level and a hundred levels are allowed, a hundred and one are not
        assertThat(SeverityWeights.of(2).levels()).isEqualTo(1);
        double[] hundred = new double[100];
        hundred[99] = 1;
        assertThat(SeverityWeights.of(hundred).levels()).isEqualTo(100);
        assertThatThrownBy(() -> SeverityWeights.of(java.util.Arrays.copyOf(hundred, 101))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weightsPerLevel must have 1..100 weights, had 101");
        ComplaintCounts same = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1);
        ComplaintCounts otherWeights = ComplaintCounts.ofCounts(SeverityWeights.of(1, 2, 4), 7, 4, 1);
        ComplaintCounts otherCounts = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 2);
        assertThat(same).isNotEqualTo(otherWeights).isNotEqualTo(otherCounts).isNotEqualTo("12");
        assertThat(same.hashCode()).isNotEqualTo(otherWeights.hashCode()).isNotEqualTo(otherCounts.hashCode());
        assertThat(SeverityWeights.DEFAULT.hashCode()).isNotEqualTo(SeverityWeights.of(1, 2, 4).hashCode());
    }
}
