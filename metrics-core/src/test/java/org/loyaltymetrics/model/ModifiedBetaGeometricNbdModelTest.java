package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;

class ModifiedBetaGeometricNbdModelTest {

    /** A customer's history in weeks. */
    static PurchaseHistory weeks(long frequency, double recency, double age) {
        return PurchaseHistory.of(frequency, recency, age, ChronoUnit.WEEKS);
    }

    private static final ModifiedBetaGeometricNbdModel GIVEN = ModifiedBetaGeometricNbdModel.of(0.525, 6.183, 0.891,
            1.614, ChronoUnit.WEEKS);

    @Test
    void fitsTheCdnowCohortToTheReproducedDigits() {
        // values reproduced by several implementations: r 0.525, alpha 6.183, a 0.891, b 1.614, LL -9582.1.
        // scipy (Nelder-Mead, independent code): 0.52483802, 6.18299225, 0.89135606, 1.61399912, LL -9582.1326849
        ModifiedBetaGeometricNbdModel model = ModifiedBetaGeometricNbdModel.fit(ReferenceData.cdnow());
        assertThat(model.r()).isCloseTo(0.525, within(0.0005));
        assertThat(model.alpha()).isCloseTo(6.183, within(0.0005));
        assertThat(model.a()).isCloseTo(0.891, within(0.0005));
        assertThat(model.b()).isCloseTo(1.614, within(0.0005));
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-9582.1, within(0.05));
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-9582.1326849, within(1e-6));
        assertThat(model.fitResult().parameterNames()).containsExactly("r", "alpha", "a", "b");
        assertThat(model.toString()).startsWith("MBG/NBD model (weeks): r=0.5248, alpha=6.1830, a=0.8914, b=1.6140");
    }

    @Test
    void customersWithoutRepeatPurchasesMayHaveDroppedOut() {
        // P(alive | 0, 0, T) = 1 / (1 + a/b · ((α + T)/α)^r) < 1, unlike BG/NBD
        double expected = 1.0 / (1.0 + 0.891 / 1.614 * Math.pow((6.183 + 38.86) / 6.183, 0.525));
        assertThat(GIVEN.probabilityAlive(weeks(0, 0, 38.86))).isCloseTo(expected, within(1e-15));
        assertThat(GIVEN.probabilityAlive(weeks(221, 103.43, 103.57))).isBetween(0.99, 1.0);
    }

    @Test
    void predictionsAreTheBgNbdOnesWithTheShiftedDropOut() {
        // E[X(t)] = b/(a+b) · E_BG(r, α, a, b+1) and P(X = n) = a/(a+b)[n=0] + b/(a+b) P_BG(n | r, α, a, b+1)
        BetaGeometricNbdModel shifted = BetaGeometricNbdModel.of(0.525, 6.183, 0.891, 2.614, ChronoUnit.WEEKS);
        double share = 1.614 / (0.891 + 1.614);
        assertThat(GIVEN.expectedPurchases(52)).isCloseTo(share * shifted.expectedPurchases(52), within(1e-14));
        assertThat(GIVEN.probabilityOfPurchases(2, 52)).isCloseTo(share * shifted.probabilityOfPurchases(2, 52), within(1e-15));
        assertThat(GIVEN.probabilityOfPurchases(0, 52))
                .isCloseTo(1 - share + share * shifted.probabilityOfPurchases(0, 52), within(1e-15));
        double sum = 0;
        for (int n = 0; n < 300; n++) {
            sum += GIVEN.probabilityOfPurchases(n, 52);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        // b/(a − 1) [1 − (α/(α+t))^r 2F1(r, b+1; a+b; z)] at t = 52 with mpmath: 1.41972375771274612
        assertThat(GIVEN.expectedPurchases(52)).isCloseTo(1.41972375771274612, within(1e-12));
        // E[Y(39) | 2, 30.43, 38.86] = P(alive) · E_BG(39 | r+2, α+T, a, b+3), mpmath: 1.26296062326736568
        assertThat(GIVEN.conditionalExpectedPurchases(39, weeks(2, 30.43, 38.86))).isCloseTo(1.26296062326736568, within(1e-12));
    }

    @Test
    void badInputAndEquality() {
        assertThatThrownBy(() -> ModifiedBetaGeometricNbdModel.of(1, 1, -1, 1, ChronoUnit.DAYS))
                .hasMessage("a must be finite and > 0, was -1.0");
        assertThatThrownBy(() -> GIVEN.probabilityAlive(weeks(0, 1, 2)))
                .hasMessage("recency must be 0 for a customer without repeat purchases (frequency 0), was 1.0");
        assertThat(GIVEN).isEqualTo(ModifiedBetaGeometricNbdModel.of(0.525, 6.183, 0.891, 1.614, ChronoUnit.WEEKS))
                .hasSameHashCodeAs(ModifiedBetaGeometricNbdModel.of(0.525, 6.183, 0.891, 1.614, ChronoUnit.WEEKS))
                .hasToString("MBG/NBD model (weeks): r=0.5250, alpha=6.1830, a=0.8910, b=1.6140");
        assertThat(GIVEN.isFitted()).isFalse();
        PurchaseHistories simulated = GIVEN.simulate(new double[] {10, 20, 30}, 1);
        assertThat(simulated).isEqualTo(GIVEN.simulate(new double[] {10, 20, 30}, 1));
        assertThat(simulated.customers()).isEqualTo(3);
    }
}
