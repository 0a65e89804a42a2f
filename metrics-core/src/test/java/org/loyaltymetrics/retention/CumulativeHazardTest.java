package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.churn.Lung.r;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.Lung;

/** Nelson–Aalen against R's survfit(ctype = 1) on the lung data (lung-reference.csv) and by hand. */
class CumulativeHazardTest {

    @Test
    void matchesRsNelsonAalen() {
        CumulativeHazard hazard = CumulativeHazard.of(Lung.column(Lung.ROWS, Lung.TIME), Lung.events(Lung.ROWS));
        for (int t : new int[] {100, 365, 700}) {
            CumulativeHazard.Point point = hazard.at(t);
            assertThat(point.cumulativeHazard()).isCloseTo(r("nelsonaalen." + t), within(1e-12));
            assertThat(point.standardError()).isCloseTo(r("nelsonaalen.se." + t), within(1e-12));
        }
        assertThat(hazard.toString()).doesNotContain("\n").contains("228 lifetimes");
        assertThat(hazard.toTable().rowCount()).isEqualTo(hazard.points().size());
    }

    @Test
    void byHand() {
        // durations 1, 2+, 3, 3, 4: H(1) = 1/5, H(3) = 1/5 + 2/3; variance 1/25 + 2/9
        CumulativeHazard hazard = CumulativeHazard.of(new double[] {1, 2, 3, 3, 4},
                new boolean[] {true, false, true, true, false});
        assertThat(hazard.at(0.5).cumulativeHazard()).isZero();
        assertThat(hazard.at(2).cumulativeHazard()).isCloseTo(0.2, within(1e-15));
        assertThat(hazard.at(3.5).cumulativeHazard()).isCloseTo(0.2 + 2.0 / 3, within(1e-15));
        assertThat(hazard.at(3.5).variance()).isCloseTo(1.0 / 25 + 2.0 / 9, within(1e-15));
        var ci = hazard.at(3.5).confidenceInterval(0.95);
        assertThat(ci.low() * ci.high()).isCloseTo(Math.pow(0.2 + 2.0 / 3, 2), within(1e-12));
        assertThatThrownBy(() -> hazard.at(5)).isInstanceOf(UndefinedResultException.class);
        assertThat(hazard).isEqualTo(CumulativeHazard.from(SurvivalCurve.of(new double[] {4, 3, 3, 2, 1},
                new boolean[] {false, true, true, false, true})));
    }
}
