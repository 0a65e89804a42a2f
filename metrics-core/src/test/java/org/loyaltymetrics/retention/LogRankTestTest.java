package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.churn.Lung.r;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.churn.Lung;

/** The log-rank test against R's survdiff on the lung data (lung-reference.csv; the sex values also in the README). */
class LogRankTestTest {

    private static int[] column(List<double[]> rows, int c) {
        int[] values = new int[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) rows.get(i)[c];
        }
        return values;
    }

    @Test
    void twoGroupsMatchSurvdiff() {
        LogRankTest test = LogRankTest.of(Lung.column(Lung.ROWS, Lung.TIME), Lung.events(Lung.ROWS),
                column(Lung.ROWS, Lung.SEX));
        assertThat(test.statistic()).isCloseTo(10.3267419549, within(1e-9));
        assertThat(test.statistic()).isCloseTo(r("logrank.sex.chisq"), within(1e-11));
        assertThat(test.observed(1)).isEqualTo(112);
        assertThat(test.observed(2)).isEqualTo(53);
        assertThat(test.expected(1)).isCloseTo(91.5817390296, within(1e-9));
        assertThat(test.expected(2)).isCloseTo(73.4182609704, within(1e-9));
        assertThat(test.test().degreesOfFreedom()).isEqualTo(1);
        assertThat(test.pValue()).isCloseTo(0.00131, within(1e-5));
        assertThat(test.toString()).doesNotContain("\n");
        assertThat(test.toTable().rowCount()).isEqualTo(2);
    }

    @Test
    void fourGroupsAndStrataMatchSurvdiff() {
        List<double[]> rows = Lung.complete(Lung.ECOG);
        double[] time = Lung.column(rows, Lung.TIME);
        boolean[] events = Lung.events(rows);
        LogRankTest ecog = LogRankTest.of(time, events, column(rows, Lung.ECOG));
        assertThat(ecog.statistic()).isCloseTo(r("logrank.ecog.chisq"), within(1e-10));
        assertThat(ecog.test().degreesOfFreedom()).isEqualTo(3);
        for (int g = 0; g <= 3; g++) {
            assertThat(ecog.expected(g)).isCloseTo(r("logrank.ecog.exp." + (g + 1)), within(1e-10));
        }
        LogRankTest stratified = LogRankTest.of(time, events, column(rows, Lung.SEX), column(rows, Lung.ECOG));
        assertThat(stratified.statistic()).isCloseTo(r("logrank.sexbyecog.chisq"), within(1e-10));
        assertThat(stratified.expected(1)).isCloseTo(r("logrank.sexbyecog.exp.1"), within(1e-10));
        assertThat(stratified.expected(2)).isCloseTo(r("logrank.sexbyecog.exp.2"), within(1e-10));
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> LogRankTest.of(new double[] {1, 2}, new boolean[] {true, true}, new int[] {1, 1}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("groups");
        assertThatThrownBy(() -> LogRankTest.of(new double[] {1, 2}, new boolean[] {true}, new int[] {1, 2}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("observedEnd");
    }
}
